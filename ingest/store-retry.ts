import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../platform/logger.ts';
import type { MetricsRegistry } from '../platform/metrics.ts';
import type { BatchHandler, Inbound } from './intake.ts';

export interface StoreRetryOptions {
  metrics: MetricsRegistry;
  logger: Logger;
  /** First retry delay after a storage failure, ms; doubles up to `maxRetryDelayMs`. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
}

/**
 * Runs the handler on a group until it resolves: true. A storage failure is retried with
 * backoff, the whole group again (issue 14: none of it was acknowledged, and ingest is
 * idempotent on a van's seq), holding it (and those behind it) rather than dropping data;
 * false if `signal` aborts first (ingest stopping), and the group must then stay unacknowledged.
 * `first`, when given, is the first attempt, already under way (group-runner.ts): it is awaited
 * whatever `signal` says, and `handle` runs only the retries.
 */
export type StoreRetry = (
  handle: BatchHandler,
  group: readonly Inbound[],
  signal: AbortSignal,
  first?: Promise<void>,
) => Promise<boolean>;

/** The retry both intakes share (intake.ts). */
export function createStoreRetry(options: StoreRetryOptions): StoreRetry {
  const storeErrors = options.metrics.counter(
    'givre_ingest_store_errors_total',
    'Failed attempts to store readings (retried).',
  );
  const retryDelayMs = options.retryDelayMs ?? 200;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 5_000;
  return async (handle, group, signal, first) => {
    let running = first;
    for (let attempt = 0; ; attempt++) {
      if (!running && signal.aborted) return false;
      try {
        await (running ?? handle(group));
        return true;
      } catch (err) {
        running = undefined;
        storeErrors.inc();
        options.logger.rateLimited('store-error', 'error', 'could not store readings; retrying', {
          error: (err as Error).message,
        });
        const delayMs = Math.min(retryDelayMs * 2 ** attempt, maxRetryDelayMs);
        // Ingest stopping cuts the wait short: the group stays with its senders.
        await sleep(delayMs, undefined, { signal }).catch(() => undefined);
      }
    }
  };
}
