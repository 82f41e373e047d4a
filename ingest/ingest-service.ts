import mqtt, { type MqttClient } from 'mqtt';
import { OPS_COMMANDS_TOPIC } from '../core/ops-topics.ts';
import { fleetFilter } from '../core/topics.ts';
import type { Logger } from '../platform/logger.ts';
import type { MetricsRegistry } from '../platform/metrics.ts';

export interface IngestServiceOptions {
  /** Broker to subscribe to, e.g. `mqtt://127.0.0.1:1883`. */
  url: string;
  /** Fixed client id: with a persistent session the broker keeps what arrives while we are away. */
  clientId?: string;
  username?: string;
  password?: string;
  handle: (topic: string, payload: Uint8Array) => Promise<void>;
  metrics: MetricsRegistry;
  logger: Logger;
  /** First retry delay after a storage failure, ms; doubles up to `maxRetryDelayMs`. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
}

export interface IngestService {
  start(): Promise<void>;
  stop(): Promise<void>;
  readiness(): { ok: boolean; detail?: string };
  /**
   * Publishes on the same connection (alerts to a van's in-cab display, issue 5). Resolves
   * when the broker has it (PUBACK at QoS 1); while disconnected MQTT.js keeps it and sends
   * it on reconnect.
   */
  publish(topic: string, payload: string, options: { qos: 0 | 1 }): Promise<void>;
}

/** Every van's inbound channels, and the dashboards' commands (issue 9), in one persistent session. */
const SUBSCRIPTIONS = [
  fleetFilter('telemetry'),
  fleetFilter('status'),
  fleetFilter('acks'),
  OPS_COMMANDS_TOPIC,
];

/**
 * Subscribes to every van at QoS 1 in a persistent session and feeds messages to the
 * handler one at a time. The PUBACK of a message is sent only after the handler resolved,
 * i.e. after its readings are durably stored: if ingest dies first, the broker redelivers.
 * A storage failure is retried with backoff, holding the queue rather than dropping data.
 */
export function createIngestService(options: IngestServiceOptions): IngestService {
  const log = options.logger;
  const storeErrors = options.metrics.counter(
    'givre_ingest_store_errors_total',
    'Failed attempts to store readings (retried).',
  );
  const retryDelayMs = options.retryDelayMs ?? 200;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 5_000;
  let client: MqttClient | null = null;
  let stopping = false;
  let connected = false;
  options.metrics.collectedGauge(
    'givre_ingest_connected',
    '1 while ingest is connected to the broker.',
    () => [{ value: connected ? 1 : 0 }],
  );

  const handleWithRetry = async (topic: string, payload: Uint8Array): Promise<boolean> => {
    for (let attempt = 0; !stopping; attempt++) {
      try {
        await options.handle(topic, payload);
        return true;
      } catch (err) {
        storeErrors.inc();
        log.rateLimited('store-error', 'error', 'could not store readings; retrying', {
          error: (err as Error).message,
        });
        await new Promise((r) => setTimeout(r, Math.min(retryDelayMs * 2 ** attempt, maxRetryDelayMs)));
      }
    }
    return false;
  };

  return {
    start() {
      return new Promise((resolve, reject) => {
        const c = mqtt.connect(options.url, {
          clientId: options.clientId ?? 'givre-ingest',
          clean: false,
          reconnectPeriod: 1_000,
          connectTimeout: 10_000,
          ...(options.username ? { username: options.username } : {}),
          ...(options.password ? { password: options.password } : {}),
        });
        client = c;
        // Set before the first packet can arrive: a resumed session delivers at once.
        c.handleMessage = (packet, done) => {
          const payload =
            typeof packet.payload === 'string' ? new TextEncoder().encode(packet.payload) : packet.payload;
          handleWithRetry(packet.topic, payload).then((handled) => {
            if (handled) done();
            // Stopping: leave the message unacknowledged; the broker keeps it for our return.
          });
        };
        let first = true;
        c.on('connect', (connack) => {
          connected = true;
          log.info('connected to broker', { url: options.url, sessionPresent: connack.sessionPresent });
          c.subscribe(
            Object.fromEntries(SUBSCRIPTIONS.map((topic) => [topic, { qos: 1 as const }])),
            (err) => {
              if (err) log.error('subscription failed', { error: err.message });
              if (first) {
                first = false;
                if (err) reject(err);
                else resolve();
              }
            },
          );
        });
        c.on('close', () => {
          if (connected && !stopping) log.warn('lost the broker; reconnecting');
          connected = false;
        });
        c.on('error', (err) => {
          log.rateLimited('mqtt-error', 'error', 'broker connection error', { error: err.message });
          if (first && (err as { code?: number }).code !== undefined) {
            first = false;
            reject(err);
          }
        });
      });
    },
    async stop() {
      stopping = true;
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
