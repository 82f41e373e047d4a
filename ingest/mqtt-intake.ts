import { setTimeout as sleep } from 'node:timers/promises';
import type { IngestServiceOptions } from './ingest-service.ts';
import { createGroupPipeline } from './group-pipeline.ts';
import { GROUP_MAX_MESSAGES, INTAKE_FILTERS, type GroupHandler } from './intake.ts';
import { LinkRefused, openLink, type Link } from './mqtt-link.ts';
import { createStoreRetry } from './store-retry.ts';

/** ingest-service.ts's options (broker, session, credentials, storage retry), and the link's. */
export interface MqttIntakeOptions extends IngestServiceOptions {
  /** Keepalive, s; default 60 (MQTT.js's). A broker silent for up to twice this is dropped. */
  keepaliveS?: number;
  /** Longest wait for CONNACK and SUBACK, ms; default 10 000. */
  connectTimeoutMs?: number;
  /** First delay before reconnecting, ms; doubles up to `maxReconnectDelayMs` (default 500 and 2 000). */
  reconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
}

/** Ingest's pipelining subscription to an external broker (issue 14). */
export interface MqttIntake {
  /** Connects and subscribes, then feeds `handle` in groups; rejects if the first attempt fails. */
  start(handle: GroupHandler): Promise<void>;
  /** Lets the group in flight finish (and acknowledges it), leaves the rest with the broker. */
  stop(): Promise<void>;
  readiness(): { ok: boolean; detail?: string };
}

/** Messages queued at which the socket is paused: two full groups (GROUP_MAX_MESSAGES, intake.ts). */
const READ_AHEAD_MESSAGES = 2 * GROUP_MAX_MESSAGES;

/** The schemes this intake speaks; over WebSocket (`ws://`, `wss://`) ingest keeps MQTT.js. */
export function pipelinesUrl(url: string): boolean {
  return /^(mqtt|mqtts|tcp):\/\//i.test(url);
}

/**
 * Speaks MQTT 3.1.1 itself (mqtt-packet) so as to hold many QoS 1 messages unacknowledged:
 * the socket is read continuously, publishes queue, and the group pipeline hands them to the
 * handler in groups while the previous group commits (group-pipeline.ts). A group's PUBACKs go
 * out once it is durable. On a lost connection the unacknowledged queue is dropped: the broker
 * redelivers it in the persistent session (ingest is idempotent on a van's seq). What bounds the
 * pipeline is the broker's window of unacknowledged messages per client (Mosquitto's
 * `max_inflight_messages`, README "Acknowledgements"), and here at most two full groups of
 * messages are read ahead (READ_AHEAD_MESSAGES) before the socket is paused (TCP then holds the
 * broker back); it resumes once less than one full group is queued.
 */
export function createMqttIntake(options: MqttIntakeOptions): MqttIntake {
  const log = options.logger;
  const url = new URL(options.url);
  const reconnectDelayMs = options.reconnectDelayMs ?? 500;
  const maxReconnectDelayMs = options.maxReconnectDelayMs ?? 2_000;
  const stopping = new AbortController();
  let link: Link | undefined;
  let connected = false;
  let paused = false;
  let running: Promise<void> | undefined;

  options.metrics.collectedGauge(
    'givre_ingest_connected',
    '1 while ingest is connected to the broker.',
    () => [{ value: connected ? 1 : 0 }],
  );
  const pipeline = createGroupPipeline({
    retry: createStoreRetry(options),
    acknowledge: (ids) => link?.acknowledge(ids),
    onDrained: () => {
      if (paused && pipeline.queued() < GROUP_MAX_MESSAGES) {
        paused = false;
        link?.resume();
      }
    },
  });

  const open = () =>
    openLink({
      url,
      clientId: options.clientId ?? 'givre-ingest',
      ...credentials(url, options),
      filters: INTAKE_FILTERS,
      keepaliveS: options.keepaliveS ?? 60,
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      onPublish: (packet) => {
        const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
        pipeline.push({
          topic: packet.topic,
          payload,
          ...(packet.qos === 1 ? { messageId: packet.messageId! } : {}),
        });
        if (!paused && pipeline.queued() >= READ_AHEAD_MESSAGES) {
          paused = true;
          link?.pause();
        }
      },
    });

  /** Opens a link and waits until it is subscribed; acknowledgements may flow on it meanwhile. */
  const connect = async () => {
    const l = open();
    link = l;
    try {
      const { sessionPresent } = await l.ready;
      connected = true;
      log.info('connected to broker', { url: options.url, sessionPresent });
    } catch (err) {
      link = undefined;
      await l.close();
      throw err;
    }
  };
  const lost = () => {
    link = undefined;
    connected = false;
    paused = false;
    // Unacknowledged: the broker has them all and redelivers them in the session.
    pipeline.reset();
  };

  /** While not stopping: wait for the link to end, then reconnect with backoff. */
  const stayConnected = async () => {
    for (let attempt = 0; !stopping.signal.aborted;) {
      if (link) {
        const why = await link.ended;
        lost();
        if (stopping.signal.aborted) return;
        log.warn('lost the broker; reconnecting', { error: why?.message });
      }
      const delayMs = Math.min(reconnectDelayMs * 2 ** attempt, maxReconnectDelayMs);
      await sleep(delayMs, undefined, { signal: stopping.signal }).catch(() => undefined);
      if (stopping.signal.aborted) return;
      try {
        await connect();
        attempt = 0;
      } catch (err) {
        attempt++;
        log.rateLimited('mqtt-error', 'error', 'broker connection error', { error: (err as Error).message });
      }
    }
  };

  return {
    async start(handle) {
      pipeline.start(handle);
      await connect().catch((err: Error) => {
        log.error(err instanceof LinkRefused ? err.message : 'could not reach the broker', {
          url: options.url,
          error: err.message,
        });
        throw err;
      });
      running = stayConnected();
    },
    async stop() {
      stopping.abort();
      // The group in flight finishes and is acknowledged while the link is still up.
      await pipeline.stop();
      await link?.close();
      await running;
      lost();
    },
    readiness() {
      return connected ? { ok: true } : { ok: false, detail: 'not connected to the broker' };
    },
  };
}

/** The options' credentials, else those written in the URL (`mqtt://user:pass@host`). */
function credentials(url: URL, options: MqttIntakeOptions): { username?: string; password?: string } {
  const username = options.username ?? (url.username ? decodeURIComponent(url.username) : undefined);
  const password = options.password ?? (url.password ? decodeURIComponent(url.password) : undefined);
  return { ...(username ? { username } : {}), ...(password ? { password } : {}) };
}
