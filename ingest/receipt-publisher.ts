import {
  CONTRACT_VERSION,
  MAX_RECEIPT_RANGES,
  type ReceiptMessage,
  type ReceiptRange,
} from '../core/messages.ts';
import { appendSeqs, mergeRanges } from '../core/receipt-ranges.ts';
import { vanTopic } from '../core/topics.ts';
import type { Timer } from '../platform/batching-emitter.ts';
import type { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';
import type { Feature } from '../platform/feature.ts';
import { createKeyedThrottle } from '../platform/keyed-throttle.ts';
import type { Logger } from '../platform/logger.ts';
import type { MetricsRegistry } from '../platform/metrics.ts';
import type { VanPublisher } from './alert-van-channel.ts';

/** Smallest gap between two receipts to one van, ms. */
export const RECEIPT_INTERVAL_MS = 1_000;

/**
 * Receipts to the vans (issue 13, `givre/v1/vans/{van}/receipts`, QoS 1): the seqs of every
 * reading the message handler reports stored (`readings-stored`, emitted once the store has
 * them, for duplicates too), so a van forgets a reading only once it is in the store, whatever
 * the broker lost. Per van: the first message after a quiet spell is receipted at once, then
 * at most one receipt per `intervalMs` with everything stored meanwhile, and the last one at
 * most `intervalMs` after the van's messages stop. On the path of every message it only
 * appends the batch's seqs to the van's ranges (one comparison per reading, one slot per run
 * of consecutive seqs).
 *
 * A receipt is a prompt, never owed: one lost (ingest stopped or died first, the broker or
 * the van away) only makes the van send those readings again after its timeout or reconnect,
 * and they are stored once and receipted then. So nothing is kept across a restart, and a
 * stop drops what is pending (this feature stops after intake, whose connection is gone).
 */
export function createReceiptPublisher(deps: {
  bus: EventBus<GivreEvents>;
  publisher: VanPublisher;
  metrics: MetricsRegistry;
  logger: Logger;
  intervalMs: number;
  timer?: Timer;
}): Feature {
  const published = deps.metrics.counter(
    'givre_ingest_receipts_total',
    'Receipts of stored readings published to vans, by result (ok on PUBACK, or failed: the van sends again).',
  );
  const pending = new Map<string, ReceiptRange[]>();
  const send = (van: string) => {
    const ranges = pending.get(van);
    pending.delete(van);
    if (!ranges) return;
    const merged = mergeRanges(ranges);
    for (let i = 0; i < merged.length; i += MAX_RECEIPT_RANGES) {
      const message: ReceiptMessage = {
        v: CONTRACT_VERSION,
        van,
        seqs: merged.slice(i, i + MAX_RECEIPT_RANGES),
      };
      deps.publisher.publish(vanTopic(van, 'receipts'), JSON.stringify(message), { qos: 1 }).then(
        () => published.inc({ result: 'ok' }),
        (err: Error) => {
          published.inc({ result: 'failed' });
          deps.logger.rateLimited(
            'receipt-failed',
            'warn',
            'could not publish a receipt; the van will send again',
            {
              van,
              error: err.message,
            },
          );
        },
      );
    }
  };
  let throttle: ReturnType<typeof createKeyedThrottle<string>> | undefined;
  let off: (() => void) | undefined;
  return {
    name: 'receipt publisher',
    start() {
      const t = createKeyedThrottle<string>({
        intervalMs: deps.intervalMs,
        keyOf: (van) => van,
        emit: send,
        ...(deps.timer ? { timer: deps.timer } : {}),
      });
      throttle = t;
      off = deps.bus.on('readings-stored', ({ van, readings }) => {
        let ranges = pending.get(van);
        if (!ranges) pending.set(van, (ranges = []));
        appendSeqs(ranges, readings);
        t.push(van);
      });
    },
    stop() {
      off?.();
      off = undefined;
      throttle?.close();
      throttle = undefined;
      pending.clear();
    },
  };
}
