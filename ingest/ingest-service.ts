import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from '../platform/logger.ts';
import type { MetricsRegistry } from '../platform/metrics.ts';
import { wholeHandler } from './group-runner.ts';
import { INTAKE_FILTERS, type GroupHandler, type Intake } from './intake.ts';
import { createStoreRetry } from './store-retry.ts';

export interface IngestServiceOptions {
  /** Broker to subscribe to, e.g. `mqtt://127.0.0.1:1883`. */
  url: string;
  /** Fixed client id: with a persistent session the broker keeps what arrives while we are away. */
  clientId?: string;
  username?: string;
  password?: string;
  metrics: MetricsRegistry;
  logger: Logger;
  /** First retry delay after a storage failure, ms; doubles up to `maxRetryDelayMs`. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
}

/** Ingest's MQTT connection, and its intake when it subscribes. */
export interface IngestService extends Intake {
  /**
   * Connects. With `handle`, this connection is ingest's intake (`givre ingest`, `givre start`
   * on an external broker): a persistent session subscribed to INTAKE_FILTERS. Without, another
   * intake feeds ingest (`givre start`'s embedded broker, broker-intake.ts): a clean session,
   * which also ends any subscription a former one left, and the connection only publishes.
   */
  start(handle?: GroupHandler): Promise<void>;
  stop(): Promise<void>;
  readiness(): { ok: boolean; detail?: string };
  /**
   * Publishes on the same connection (alerts to a van's in-cab display, issue 5). Resolves
   * when the broker has it (PUBACK at QoS 1); while disconnected MQTT.js keeps it and sends
   * it on reconnect.
   */
  publish(topic: string, payload: string, options: { qos: 0 | 1 }): Promise<void>;
}

/**
 * With a handler, subscribes to every van at QoS 1 in a persistent session and feeds messages
 * to the handler one at a time, groups of one: MQTT.js hands over the next message only once
 * this one is acknowledged (issue 14). The PUBACK of a message is sent only after the handler
 * resolved, i.e. after its readings are durably stored: if ingest dies first, the broker
 * redelivers. A storage failure is retried with backoff, holding the queue rather than
 * dropping data.
 */
export function createIngestService(options: IngestServiceOptions): IngestService {
  const log = options.logger;
  let client: MqttClient | null = null;
  let connected = false;
  options.metrics.collectedGauge(
    'givre_ingest_connected',
    '1 while ingest is connected to the broker.',
    () => [{ value: connected ? 1 : 0 }],
  );

  const retry = createStoreRetry(options);
  const stopping = new AbortController();

  return {
    start(handle) {
      return new Promise((resolve, reject) => {
        const c = mqtt.connect(options.url, {
          clientId: options.clientId ?? 'givre-ingest',
          clean: handle === undefined,
          reconnectPeriod: 1_000,
          connectTimeout: 10_000,
          ...(options.username ? { username: options.username } : {}),
          ...(options.password ? { password: options.password } : {}),
        });
        client = c;
        // Set before the first packet can arrive: a resumed session delivers at once.
        // (Without `handle` nothing is subscribed in a clean session, so nothing comes.)
        // One message at a time (MQTT.js hands the next only after `done`): both stages in turn.
        const whole = handle && wholeHandler(handle);
        if (whole)
          c.handleMessage = (packet, done) => {
            const payload =
              typeof packet.payload === 'string' ? new TextEncoder().encode(packet.payload) : packet.payload;
            retry(whole, [{ topic: packet.topic, payload }], stopping.signal).then((handled) => {
              if (handled) done();
              // Stopping: leave the message unacknowledged; the broker keeps it for our return.
            });
          };
        let first = true;
        const settle = (err?: Error) => {
          if (!first) return;
          first = false;
          if (err) reject(err);
          else resolve();
        };
        c.on('connect', (connack) => {
          connected = true;
          log.info('connected to broker', { url: options.url, sessionPresent: connack.sessionPresent });
          if (!handle) return settle();
          c.subscribe(
            Object.fromEntries(INTAKE_FILTERS.map((topic) => [topic, { qos: 1 as const }])),
            (err) => {
              if (err) log.error('subscription failed', { error: err.message });
              settle(err ?? undefined);
            },
          );
        });
        c.on('close', () => {
          if (connected && !stopping.signal.aborted) log.warn('lost the broker; reconnecting');
          connected = false;
        });
        c.on('error', (err) => {
          log.rateLimited('mqtt-error', 'error', 'broker connection error', { error: err.message });
          if ((err as { code?: number }).code !== undefined) settle(err);
        });
      });
    },
    async stop() {
      stopping.abort();
      const c = client;
      client = null;
      if (c) await c.endAsync(true);
      connected = false;
    },
    async publish(topic, payload, publishOptions) {
      const c = client;
      if (!c) throw new Error('ingest is not connected to a broker');
      await c.publishAsync(topic, payload, { qos: publishOptions.qos });
    },
    readiness() {
      return connected ? { ok: true } : { ok: false, detail: 'not connected to the broker' };
    },
  };
}
