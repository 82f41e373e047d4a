import type { Logger } from '../platform/logger.ts';
import { createOutbox, type OutboxItem } from './outbox.ts';
import type { VanLink } from './van-link.ts';

export interface ForwarderOptions {
  /** Most messages kept while offline. */
  capacity: number;
  /** The link when it may carry messages (connected and `online` announced), else undefined. */
  sendVia: () => VanLink | undefined;
  log: Logger;
}

/**
 * Store-and-forward: every outgoing message goes into the outbox, and one pump sends the head,
 * one message at a time, removing it only at its PUBACK. A cut connection stops the pump with
 * the head still in place; the next pump (at reconnect) resends from there, so the backlog
 * arrives in recording order with its original timestamps and seqs.
 */
export function createForwarder(options: ForwarderOptions) {
  const outbox = createOutbox(options.capacity);
  const counts = { published: 0, readings: 0 };
  let pumping: Promise<void> | undefined;

  function pump(): Promise<void> {
    pumping ??= (async () => {
      // Yield first, so `pumping` is assigned before the `finally` below clears it.
      await null;
      try {
        for (let item = outbox.peek(); item; item = outbox.peek()) {
          const link = options.sendVia();
          if (!link) break;
          try {
            await link.publish(item.topic, item.payload);
          } catch (err) {
            options.log.debug('publish interrupted; kept in the buffer', { error: (err as Error).message });
            break;
          }
          outbox.shift(item);
          if (item.kind === 'telemetry') {
            counts.published += 1;
            counts.readings += item.readings;
          }
          item.settle?.();
        }
      } finally {
        pumping = undefined;
      }
    })();
    return pumping;
  }

  return {
    /** Queues a message and sends it as soon as the link allows. */
    send(item: OutboxItem): void {
      outbox.push(item);
      void pump();
    },
    /** Sends what waits; resolves when the outbox is empty or the link is gone. */
    pump,
    /** Telemetry batches and their readings the broker acknowledged. */
    published: () => ({ ...counts }),
    buffered: () => outbox.size(),
    dropped: () => outbox.dropped(),
    /** Gives up on what is left (at stop); returns how many messages were lost. */
    discard: (reason: string) => outbox.clear(reason),
  };
}

export type Forwarder = ReturnType<typeof createForwarder>;
