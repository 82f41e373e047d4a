import { runGroups } from './group-runner.ts';
import { createGroupQueue, type GroupHandler, type Inbound } from './intake.ts';
import type { StoreRetry } from './store-retry.ts';

/** An inbound publish waiting in the pipeline: `messageId` for QoS 1, none for QoS 0. */
export interface Queued extends Inbound {
  readonly messageId?: number;
}

export interface GroupPipelineOptions {
  /** Runs the handler on a group until it resolves (store-retry.ts); false if stopping first. */
  retry: StoreRetry;
  /** Sends the PUBACKs of a group that is durable, in arrival order (QoS 1 packet ids). */
  acknowledge(messageIds: readonly number[]): void;
  /** Called whenever the queue shrinks, so the reader may resume a paused socket. */
  onDrained?(): void;
}

/** The queue between ingest's socket and its group commit (issue 14). */
export interface GroupPipeline {
  /** Starts handing groups to `handle`; what was pushed before waits. */
  start(handle: GroupHandler): void;
  push(message: Queued): void;
  /** Messages queued and not yet handed over (the group in flight is not counted). */
  queued(): number;
  /**
   * The connection is gone: drops the queue, and the group in flight is no longer
   * acknowledged when it resolves (the broker redelivers all of them in the session).
   */
  reset(): void;
  /** Stops handing groups; resolves once the group in flight settled (acknowledged if it can be). */
  stop(): Promise<void>;
}

/**
 * One group in flight, the next forming meanwhile: while the handler commits a group, what the
 * socket brings queues, and the moment the handler resolves everything queued (up to
 * GROUP_MAX_MESSAGES / GROUP_MAX_BYTES, intake.ts) is the next group. So a slow commit makes
 * bigger groups, not a longer queue per message. A dashboard's command ends a group and is
 * handed alone (GroupQueue), as in the broker intake: the one order of intake is kept, and a
 * retried group never holds a command. A group's PUBACKs are sent only after the handler
 * resolved it, in order; a storage failure retries the whole group and acknowledges none of it
 * meanwhile. Between two groups the event loop turns once. With ingest's staged handler the
 * next group's write overlaps this one's judging (group-runner.ts).
 */
export function createGroupPipeline(options: GroupPipelineOptions): GroupPipeline {
  const stopping = new AbortController();
  const queue = createGroupQueue<Queued>();
  let handle: GroupHandler | undefined;
  let pumping: Promise<void> | undefined;
  // Bumped by reset(): a group taken under an older connection is not acknowledged on this one.
  let generation = 0;

  const pump = async () => {
    // Yield first, so that `pumping` is set before the loop can end and clear it.
    await null;
    // The connection each group was taken under: one taken before a reset is not acknowledged.
    const takenUnder = new WeakMap<readonly Queued[], number>();
    const taken = (group: Queued[]) => {
      if (group.length > 0) {
        takenUnder.set(group, generation);
        options.onDrained?.();
      }
      return group;
    };
    if (handle)
      await runGroups({
        handler: handle,
        retry: options.retry,
        signal: stopping.signal,
        take: () => taken(queue.take()),
        takeHalf: () => taken(queue.takeHalf()),
        settled(group, handled) {
          if (!handled || takenUnder.get(group) !== generation) return;
          const ids: number[] = [];
          for (const m of group) if (m.messageId !== undefined) ids.push(m.messageId);
          if (ids.length > 0) options.acknowledge(ids);
        },
      });
    pumping = undefined;
  };
  const kick = () => {
    pumping ??= handle ? pump() : undefined;
  };

  return {
    start(h) {
      handle = h;
      kick();
    },
    push(message) {
      if (stopping.signal.aborted) return;
      queue.push(message);
      kick();
    },
    queued: () => queue.length,
    reset() {
      generation++;
      queue.clear();
      options.onDrained?.();
    },
    async stop() {
      stopping.abort();
      await pumping;
    },
  };
}
