import { MAX_READINGS_PER_BATCH, TelemetryBatch, type LostRecords } from '../core/messages.ts';
import type { Reading } from '../core/readings.ts';
import type { Logger } from '../platform/logger.ts';
import { createOutbox, type OutboxItem } from './outbox.ts';
import type { ReadingBacklog } from './reading-backlog.ts';
import type { VanLink } from './van-link.ts';

export interface ForwarderOptions {
  van: string;
  /** The van's telemetry topic. */
  telemetryTopic: string;
  /** Where the readings wait for their PUBACK (durable with a file). */
  backlog: ReadingBacklog;
  /** Most driver acknowledgements kept while offline. */
  capacity: number;
  /** The link when it may carry messages (connected and `online` announced), else undefined. */
  sendVia: () => VanLink | undefined;
  log: Logger;
  /** Most readings per telemetry message; the contract's maximum by default. */
  maxReadingsPerMessage?: number;
}

/**
 * Store-and-forward: one pump sends the driver's acknowledgements first (a person is waiting),
 * then the backlog of readings, oldest first, as many per message as the contract allows
 * (`MAX_READINGS_PER_BATCH`): live, that is one recording per message; after an outage, the
 * backlog in few large messages. A message's readings leave the backlog only at its PUBACK; a
 * cut connection stops the pump with them still in place, and the next pump (at reconnect)
 * sends them again, with their original timestamps and seqs.
 */
export function createForwarder(options: ForwarderOptions) {
  const acks = createOutbox(options.capacity);
  const backlog = options.backlog;
  const perMessage = Math.min(
    options.maxReadingsPerMessage ?? MAX_READINGS_PER_BATCH,
    MAX_READINGS_PER_BATCH,
  );
  const counts = { published: 0, readings: 0 };
  let pumping: Promise<void> | undefined;

  const telemetry = (readings: Reading[], lost: LostRecords[]) =>
    JSON.stringify(
      TelemetryBatch.parse({ v: 1, van: options.van, readings, ...(lost.length > 0 ? { lost } : {}) }),
    );

  async function sendOne(link: VanLink): Promise<boolean> {
    const ack = acks.peek();
    if (ack) {
      await link.publish(ack.topic, ack.payload);
      acks.shift(ack);
      ack.settle?.();
      return true;
    }
    const batch = backlog.batch(perMessage);
    if (!batch) return false;
    await link.publish(options.telemetryTopic, telemetry(batch.readings, batch.lost));
    backlog.acknowledge(batch.readings.at(-1)!.seq);
    counts.published += 1;
    counts.readings += batch.readings.length;
    return true;
  }

  function pump(): Promise<void> {
    pumping ??= (async () => {
      // Yield first, so `pumping` is assigned before the `finally` below clears it.
      await null;
      try {
        for (;;) {
          const link = options.sendVia();
          if (!link) break;
          try {
            if (!(await sendOne(link))) break;
          } catch (err) {
            options.log.debug('publish interrupted; kept in the backlog', { error: (err as Error).message });
            break;
          }
        }
      } finally {
        pumping = undefined;
      }
    })();
    return pumping;
  }

  return {
    /** Keeps one recording's readings and sends them as soon as the link allows. */
    record(readings: readonly Reading[]): void {
      backlog.add(readings);
      void pump();
    },
    /** Queues a driver's acknowledgement (in memory: a person retries one that is lost). */
    send(item: OutboxItem): void {
      acks.push(item);
      void pump();
    },
    /** Sends what waits; resolves when nothing waits or the link is gone. */
    pump,
    /** The seq after the last one the backlog file knows (see reading-backlog.ts). */
    nextSeq: () => backlog.nextSeq(),
    /** Telemetry messages and their readings the broker acknowledged. */
    published: () => ({ ...counts }),
    /** Readings and acknowledgements waiting. */
    buffered: () => backlog.size() + acks.size(),
    /** Readings dropped at the bound, and acknowledgements dropped when their queue was full. */
    dropped: () => backlog.dropped() + acks.dropped(),
    /**
     * At stop: gives up on the acknowledgements (returns how many) and closes the backlog,
     * whose readings a file keeps for the next start.
     */
    discard(reason: string): number {
      const lost = acks.clear(reason);
      backlog.close();
      return lost;
    },
  };
}

export type Forwarder = ReturnType<typeof createForwarder>;
