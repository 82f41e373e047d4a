import { setImmediate as nextTurn } from 'node:timers/promises';
import { isCommandTopic, type BatchHandler, type GroupHandler, type Inbound, type Staged } from './intake.ts';
import type { StoreRetry } from './store-retry.ts';

export interface GroupRunOptions<T extends Inbound> {
  handler: GroupHandler;
  retry: StoreRetry;
  /** Ingest stopping: no group is begun any more. */
  signal: AbortSignal;
  /** The next group off the intake's queue (GroupQueue's `take`): empty when nothing is queued. */
  take(): T[];
  /** GroupQueue's `takeHalf`: the group taken when nothing is in flight. */
  takeHalf(): T[];
  /**
   * A group is done, in the order taken: handled (its messages may be acknowledged), or not
   * (ingest stopped first: they stay unacknowledged, with their senders).
   */
  settled(group: T[], handled: boolean): void;
}

const isCommandGroup = (group: readonly Inbound[]) => isCommandTopic(group[0]!.topic);

/** A handler as its two stages; a plain function is all in its second, `finish`. */
function stagesOf(handler: GroupHandler): {
  begin: (group: readonly Inbound[]) => Staged;
  overlaps: boolean;
} {
  if (typeof handler !== 'function') return { begin: (group) => handler.begin(group), overlaps: true };
  return {
    begin: (group) => ({ stored: Promise.resolve(), finish: () => handler(group) }),
    overlaps: false,
  };
}

/** A handler as one function: both stages, one after the other (a retry; an intake of one message at a time). */
export function wholeHandler(handler: GroupHandler): BatchHandler {
  if (typeof handler === 'function') return handler;
  return async (group) => {
    const staged = handler.begin(group);
    await staged.stored;
    await staged.finish();
  };
}

interface Begun<T> {
  group: T[];
  staged?: Staged;
  error?: unknown;
}

/**
 * Runs an intake's queued groups through the handler until the queue is empty or ingest stops
 * (issue 14), the one loop of both group intakes (broker-intake.ts, group-pipeline.ts).
 *
 * Two groups in flight when the handler is staged (message-handler.ts): the moment a group's
 * write is durable (`stored`), the next group is taken and begun — decoded, its write sent to
 * the store's thread (sqlite-writer.ts) — and only then is the first judged (`finish`: the
 * rules, the state, the events). So one thread judges a group while the other commits the
 * next. Groups are judged and settled in the order taken, each after its own write, never
 * before the group ahead of it. A dashboard's command is begun only once nothing else is in
 * flight and nothing is begun beside it: it sees every earlier reading stored and judged.
 *
 * When nothing is in flight (the loop starts, or the groups ahead were all settled) and one
 * group would take everything queued, the first group is half of it, the rest the group begun
 * behind it (GroupQueue's `takeHalf`). Without that, a loaded
 * intake fell into lock-step: every van's messages in one group, its write with the ingest
 * thread idle, its judging with the store's idle, then every acknowledgement at once and every
 * van sending again together, so the next group met an empty pipeline again. Halving costs a
 * commit (about 50 µs) and restarts the overlap: at 10 readings per message `givre start` →
 * SQLite stored about a fifth more (the README's Benchmarks).
 *
 * A group whose write or judging failed is run again, whole, through `retry` (backoff, the
 * store's idempotency) before any later group is judged; one begun behind it meanwhile is
 * judged after it, on its own write. A plain function handler is run one group at a time, as
 * it always was. Between two groups the event loop turns once, so that the sockets, the
 * InfluxDB writer's answers and the keepalives are not starved by a backlog.
 *
 * When ingest stops, the group being judged finishes (and is acknowledged); one begun behind
 * it is settled as not handled — its readings may be stored, and the redelivery after a
 * restart finds them as duplicates and judges them then.
 */
export async function runGroups<T extends Inbound>(o: GroupRunOptions<T>): Promise<void> {
  const { begin, overlaps } = stagesOf(o.handler);
  const whole = wholeHandler(o.handler);
  const start = (group: T[]): Begun<T> => {
    try {
      const staged = begin(group);
      // Awaited below; a failure is retried there, never left unhandled meanwhile.
      staged.stored.catch(() => undefined);
      return { group, staged };
    } catch (error) {
      return { group, error };
    }
  };

  let current: Begun<T> | undefined;
  let held: T[] | undefined; // taken, waiting for the group in flight (a command)
  while (current || !o.signal.aborted) {
    if (!current) {
      // Nothing in flight: if one group would take all that is queued, half of it, so that
      // the other half's write overlaps this half's judging (below).
      const group = held ?? (overlaps ? o.takeHalf() : o.take());
      held = undefined;
      if (group.length === 0) break;
      current = start(group);
    }
    const { group, staged, error } = current;
    let following: Begun<T> | undefined;
    const first = (async () => {
      if (!staged) throw error;
      await staged.stored;
      if (overlaps && !o.signal.aborted && !isCommandGroup(group)) {
        const next = o.take();
        if (next.length > 0 && isCommandGroup(next)) held = next;
        else if (next.length > 0) following = start(next);
      }
      await staged.finish();
    })();
    const handled = await o.retry(whole, group, o.signal, first);
    o.settled(group, handled);
    current = following;
    if (o.signal.aborted && current) {
      o.settled(current.group, false);
      current = undefined;
    }
    if (!o.signal.aborted) await nextTurn();
  }
  if (held) o.settled(held, false);
}
