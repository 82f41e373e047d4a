import { isIntakeTopic, type Intake, type MessageHandler } from './intake.ts';
import { createStoreRetry, type StoreRetryOptions } from './store-retry.ts';

/** An accepted publish as the embedded broker hands it over (an aedes packet, or a will). */
export interface InboundPublish {
  readonly topic: string;
  readonly payload: Uint8Array | string;
}

/** The in-process intake of `givre start` (issue 13), and the hook the embedded broker calls. */
export interface BrokerIntake extends Intake {
  /**
   * For `buildBroker`'s `beforeAcknowledge` (broker/broker.ts): resolves `route` once ingest
   * has handled the publish, and aedes then acknowledges it and routes it on to any other
   * subscriber (a watcher, an operator's tool); rejects if ingest stopped first, and aedes
   * closes the sender's connection without acknowledging it.
   */
  readonly beforeAcknowledge: (publish: InboundPublish) => Promise<'route'>;
}

interface Held {
  topic: string;
  payload: Uint8Array;
  resolve: (outcome: 'route') => void;
  reject: (err: Error) => void;
}

const ROUTE = Promise.resolve('route' as const);
/** Past this many handled entries at the head of the queue, they are cut off (amortised O(1)). */
const COMPACT_AFTER = 1_024;

const notHandled = () => new Error('ingest stopped before handling this message; it stays unacknowledged');

/**
 * `givre start`'s intake: the embedded broker hands ingest every publish ingest takes
 * (INTAKE_FILTERS: the vans' telemetry, status and acks, the dashboards' commands) before it
 * acknowledges it, so a van's PUBACK means stored, with no loopback connection in between.
 * aedes dispatches the packets of one socket read at once, and every van's at the same time, so
 * the publishes wait here in one FIFO and the handler takes them one at a time, in arrival
 * order, exactly as ingest's MQTT subscription does. Created with the broker, before ingest
 * exists: until `start`, publishes wait (vans reconnecting after a restart are held, not routed
 * to nobody). `stop` lets the message being handled finish and leaves the others
 * unacknowledged: their senders keep them and send them again after reconnecting.
 * Other topics (what ingest itself publishes) pass at once.
 */
export function createBrokerIntake(options: StoreRetryOptions): BrokerIntake {
  const retry = createStoreRetry(options);
  const stopping = new AbortController();
  let queue: Array<Held | undefined> = [];
  let head = 0;
  let handle: MessageHandler | undefined;
  let draining: Promise<void> | undefined;

  const drain = async () => {
    // Yield first, so that `draining` is set before the loop can end and clear it.
    await null;
    while (handle && head < queue.length && !stopping.signal.aborted) {
      const held = queue[head]!;
      queue[head++] = undefined;
      if (await retry(handle, held.topic, held.payload, stopping.signal)) held.resolve('route');
      else held.reject(notHandled());
      if (head === queue.length) {
        queue.length = 0;
        head = 0;
      } else if (head >= COMPACT_AFTER) {
        queue = queue.slice(head);
        head = 0;
      }
    }
    draining = undefined;
  };

  return {
    beforeAcknowledge(publish) {
      if (!isIntakeTopic(publish.topic)) return ROUTE;
      if (stopping.signal.aborted) return Promise.reject(notHandled());
      const payload = typeof publish.payload === 'string' ? Buffer.from(publish.payload) : publish.payload;
      return new Promise((resolve, reject) => {
        queue.push({ topic: publish.topic, payload, resolve, reject });
        draining ??= handle ? drain() : undefined;
      });
    },
    async start(h) {
      if (stopping.signal.aborted) throw new Error('the broker intake was stopped');
      handle = h;
      draining ??= drain();
    },
    async stop() {
      stopping.abort();
      await draining;
      for (let i = head; i < queue.length; i++) queue[i]?.reject(notHandled());
      queue = [];
      head = 0;
      handle = undefined;
    },
  };
}
