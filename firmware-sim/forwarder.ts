import {
  MAX_READINGS_PER_BATCH,
  TelemetryBatch,
  type LostRecords,
  type ReceiptRange,
} from '../core/messages.ts';
import type { Reading } from '../core/readings.ts';
import type { Logger } from '../platform/logger.ts';
import type { Clock } from './clock.ts';
import { createOutbox, type OutboxItem } from './outbox.ts';
import type { ReadingBacklog } from './reading-backlog.ts';
import type { VanLink } from './van-link.ts';

export interface ForwarderOptions {
  van: string;
  /** The van's telemetry topic. */
  telemetryTopic: string;
  /** Where the readings wait for their receipt, or without receipts their PUBACK (durable with a file). */
  backlog: ReadingBacklog;
  /** Most driver acknowledgements kept while offline. */
  capacity: number;
  /** The link when it may carry messages (connected and `online` announced), else undefined. */
  sendVia: () => VanLink | undefined;
  log: Logger;
  /** Most readings per telemetry message; the contract's maximum by default. */
  maxReadingsPerMessage?: number;
  /**
   * Readings leave only at ingest's receipt (issue 13); without it, at the broker's PUBACK, as
   * a recorder that knows no receipts does. `timeoutMs`: wall time a sent reading waits for its
   * receipt before it is sent again.
   */
  receipts?: { timeoutMs: number; clock: Clock };
}

/** Default wait for a sent reading's receipt before it is sent again, s of wall time. */
export const DEFAULT_RECEIPT_TIMEOUT_S = 30;

/** While no receipt at all comes (ingest away: the broker keeps what it has), each wait doubles, up to this many times the first. */
const MAX_RECEIPT_BACKOFF = 8;

/**
 * Store-and-forward: one pump sends the driver's acknowledgements first (a person is waiting),
 * then the backlog of readings, oldest first, as many per message as the contract allows
 * (`MAX_READINGS_PER_BATCH`): live, that is one recording per message; after an outage, the
 * backlog in few large messages. A cut connection stops the pump with the readings still in
 * place, and the next pump (at reconnect) sends them again, with their original timestamps and
 * seqs. With receipts, a PUBACK only says the broker has the message, in memory: its readings
 * leave at ingest's receipt, and are sent again after every reconnect (the broker may have died
 * with them) and when their receipt is overdue. Without receipts they leave at the PUBACK.
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
  /** Something was asked of a pump already running: it may be past its last look, so one more goes after it. */
  let wanted = false;
  const receipts = options.receipts;
  let receiptWaitMs = receipts?.timeoutMs ?? 0;
  let overdueTimer: unknown;
  const receiptWaiters: Array<() => void> = [];
  const settleWaiters = () => {
    for (const resolve of receiptWaiters.splice(0)) resolve();
  };

  /** Arms the one timer for the oldest reading awaiting its receipt, if there is one and none is armed. */
  const watchOverdue = () => {
    if (!receipts || overdueTimer !== undefined) return;
    const oldest = backlog.oldestSent();
    if (oldest === undefined) return;
    overdueTimer = receipts.clock.setTimeout(onOverdue, oldest + receiptWaitMs - receipts.clock.now());
  };
  const stopWatching = () => {
    if (overdueTimer !== undefined) receipts?.clock.clearTimeout(overdueTimer);
    overdueTimer = undefined;
  };
  function onOverdue(): void {
    overdueTimer = undefined;
    const again = backlog.resend(receipts!.clock.now() - receiptWaitMs);
    if (again > 0) {
      options.log.info('no receipt in time: sending again', { readings: again, waitedMs: receiptWaitMs });
      receiptWaitMs = Math.min(receiptWaitMs * 2, receipts!.timeoutMs * MAX_RECEIPT_BACKOFF);
      void pump();
    }
    watchOverdue();
  }

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
    if (receipts) {
      backlog.sent(batch, receipts.clock.now());
      watchOverdue();
    } else backlog.acknowledge(batch.readings.at(-1)!.seq);
    counts.published += 1;
    counts.readings += batch.readings.length;
    return true;
  }

  function pump(): Promise<void> {
    if (pumping) {
      wanted = true;
      return pumping;
    }
    pumping = (async () => {
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
        if (wanted) {
          wanted = false;
          void pump();
        }
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
    /**
     * Connected again: with receipts, every reading still awaiting its receipt is sent again,
     * oldest first (the broker may have lost it; ingest stores a repeat once).
     */
    reconnected(): void {
      if (!receipts) return;
      backlog.resend(Number.POSITIVE_INFINITY);
      receiptWaitMs = receipts.timeoutMs;
      void pump();
    },
    /** Ingest's receipt for this van: the readings of these seq ranges are stored and leave. */
    receipt(ranges: readonly ReceiptRange[]): void {
      if (!receipts) return;
      if (backlog.receipt(ranges) > 0) {
        // Ingest is storing again: the wait is back to its first length, for what is already overdue too.
        receiptWaitMs = receipts.timeoutMs;
        stopWatching();
        watchOverdue();
      }
      settleWaiters();
    },
    /**
     * At stop: sends what waits and, with receipts, waits for them until nothing is held; the
     * caller bounds it in time. Resolves early when the link is gone.
     */
    async drain(): Promise<void> {
      await pump();
      while (receipts && backlog.size() > 0 && options.sendVia()) {
        await new Promise<void>((resolve) => receiptWaiters.push(resolve));
        await pump();
      }
    },
    /** The seq after the last one the backlog file knows (see reading-backlog.ts). */
    nextSeq: () => backlog.nextSeq(),
    /** Telemetry messages and their readings the broker acknowledged (sent again after a loss: counted again). */
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
      stopWatching();
      settleWaiters();
      backlog.close();
      return lost;
    },
  };
}

export type Forwarder = ReturnType<typeof createForwarder>;
