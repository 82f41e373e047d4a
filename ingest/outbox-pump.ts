import type { DeliveryChannel } from '../core/alerts/alert-delivery.ts';
import type { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';
import type { Logger } from '../platform/logger.ts';
import type { Counter } from '../platform/metrics.ts';
import type { OutboxRepository, OwedDelivery } from '../state/outbox-repository.ts';

/** What one attempt came to: handed over, refused for good by the receiver, or to be retried. */
export type AttemptResult = { result: 'delivered' } | { result: 'rejected' | 'failed'; error: string };

export interface OutboxPumpOptions {
  channel: DeliveryChannel;
  outbox: OutboxRepository;
  /** Its `alert` event only wakes the pump: what to deliver is read from the outbox. */
  bus: EventBus<GivreEvents>;
  deliver(delivery: OwedDelivery): Promise<AttemptResult>;
  /** Counts each attempt by its result. */
  attempts: Counter;
  logger: Logger;
  /** First retry delay after a failed attempt, ms; doubles per failure in a row up to `maxDelayMs`. */
  retryDelayMs?: number;
  maxDelayMs?: number;
  now?: () => number;
}

/** Deliveries read from the outbox per query. */
const BATCH = 100;

/**
 * Hands a channel's owed deliveries over one at a time, in transition order (a receiver sees
 * « acquittée » after « ouverte »), removing each only once it is handed over. A failure keeps
 * the delivery and everything after it owed and backs the whole channel off (the receiver is
 * down, not one message); a restart starts again at once with the oldest owed — that is what
 * makes deliveries survive a crash. Each channel has its own pump, so a webhook that fails for
 * days never holds back the vans. Extension shape: `stop()` removes the listener and the timer.
 */
export function createOutboxPump(o: OutboxPumpOptions): { start(): void; stop(): void } {
  const now = o.now ?? Date.now;
  let off: (() => void) | undefined;
  let running = false;
  let stopped = false;
  let failuresInARow = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const retryLater = () => {
    const delay = Math.min((o.retryDelayMs ?? 1000) * 2 ** failuresInARow, o.maxDelayMs ?? 60_000);
    failuresInARow++;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void pump();
    }, delay);
  };

  const pump = async (): Promise<void> => {
    // While backing off, a new transition waits its turn behind the owed ones.
    if (running || stopped || retryTimer) return;
    running = true;
    try {
      for (
        let batch = o.outbox.owed(o.channel, BATCH);
        batch.length > 0;
        batch = o.outbox.owed(o.channel, BATCH)
      ) {
        for (const delivery of batch) {
          const attempt = await o.deliver(delivery);
          // Stopped meanwhile (the state store may be closed): it stays owed and goes again next start.
          if (stopped) return;
          o.attempts.inc({ result: attempt.result });
          if (attempt.result === 'failed') {
            o.outbox.failed(delivery.id, attempt.error, now());
            o.logger.rateLimited(`${o.channel}-failed`, 'warn', `${o.channel} delivery failed; retrying`, {
              delivery: delivery.id,
              error: attempt.error,
            });
            retryLater();
            return;
          }
          if (attempt.result === 'rejected')
            o.logger.rateLimited(`${o.channel}-rejected`, 'warn', `${o.channel} refused an alert for good`, {
              delivery: delivery.id,
              error: attempt.error,
            });
          o.outbox.settle(delivery.id);
          failuresInARow = 0;
        }
      }
    } catch (err) {
      // The state store failed (busy beyond its timeout): nothing was lost, try again later.
      o.logger.rateLimited('outbox-error', 'error', 'could not read the alert outbox', {
        error: (err as Error).message,
      });
      if (!stopped) retryLater();
    } finally {
      running = false;
    }
  };

  return {
    start() {
      stopped = false;
      off = o.bus.on('alert', () => void pump());
      void pump();
    },
    stop() {
      stopped = true;
      off?.();
      off = undefined;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = undefined;
    },
  };
}
