import { setImmediate as nextTurn } from 'node:timers/promises';
import { runGroups } from './group-runner.ts';
import { createGroupQueue, isIntakeTopic, type GroupHandler, type Intake } from './intake.ts';
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

const notHandled = () => new Error('ingest stopped before handling this message; it stays unacknowledged');

/**
 * `givre start`'s intake: the embedded broker hands ingest every publish ingest takes
 * (INTAKE_FILTERS: the vans' telemetry, status and acks, the dashboards' commands) before it
 * acknowledges it, so a van's PUBACK means stored, with no loopback connection in between.
 * aedes dispatches the packets of one socket read at once, and every van's at the same time, so
 * the publishes wait here in one FIFO and the handler takes them in groups, in arrival order
 * (issue 14: group commit): each group is everything queued when the handler is free, up to
 * GROUP_MAX_MESSAGES / GROUP_MAX_BYTES (GroupQueue, intake.ts), stored in one commit per store,
 * and every publish of it is acknowledged once the handler resolved on the whole group, none
 * before. Before taking a group the loop lets the event loop turn once (`setImmediate`), so
 * that what every socket brought in that turn is queued; what arrives while a group is handled
 * forms the next. A van alone waits for its own commit, as before; under load the groups grow
 * by themselves. A dashboard's command ends a group and is handled alone (GroupQueue): the one
 * order of intake is kept, and a retried group never takes a command twice. On a storage
 * failure the whole group is retried (store-retry.ts). With ingest's staged handler the next
 * group's write overlaps this one's judging (group-runner.ts). Created with the broker, before ingest
 * exists: until `start`, publishes wait (vans reconnecting after a restart are held, not routed
 * to nobody). `stop` lets the group being handled finish and leaves the others unacknowledged:
 * their senders keep them and send them again after reconnecting. Other topics (what ingest
 * itself publishes) pass at once.
 */
export function createBrokerIntake(options: StoreRetryOptions): BrokerIntake {
  const retry = createStoreRetry(options);
  const stopping = new AbortController();
  const queue = createGroupQueue<Held>();
  let handle: GroupHandler | undefined;
  let draining: Promise<void> | undefined;

  const drain = async () => {
    // A turn of the event loop first: what every socket read brought is queued, and `draining`
    // is set before the loop can end and clear it.
    await nextTurn();
    if (handle)
      await runGroups({
        handler: handle,
        retry,
        signal: stopping.signal,
        take: () => queue.take(),
        takeHalf: () => queue.takeHalf(),
        settled(group, handled) {
          if (handled) for (const held of group) held.resolve('route');
          else for (const held of group) held.reject(notHandled());
        },
      });
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
      for (const held of queue.clear()) held.reject(notHandled());
      handle = undefined;
    },
  };
}
