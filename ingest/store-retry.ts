import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../platform/logger.ts';
import type { MetricsRegistry } from '../platform/metrics.ts';
import type { MessageHandler } from './intake.ts';

export interface StoreRetryOptions {
  metrics: MetricsRegistry;
  logger: Logger;
  /** First retry delay after a storage failure, ms; doubles up to `maxRetryDelayMs`. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
}

/**
 * Runs the handler on a message until it resolves: true. A storage failure is retried with
 * backoff, holding the message (and those behind it) rather than dropping data; false if
 * `signal` aborts first (ingest stopping), and the message must then stay unacknowledged.
 */
export type StoreRetry = (
  handle: MessageHandler,
  topic: string,
  payload: Uint8Array,
  signal: AbortSignal,
) => Promise<boolean>;

/** The retry both intakes share (intake.ts). */
export function createStoreRetry(options: StoreRetryOptions): StoreRetry {
  const storeErrors = options.metrics.counter(
    'givre_ingest_store_errors_total',
    'Failed attempts to store readings (retried).',
  );
  const retryDelayMs = options.retryDelayMs ?? 200;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 5_000;
  return async (handle, topic, payload, signal) => {
    for (let attempt = 0; !signal.aborted; attempt++) {
      try {
        await handle(topic, payload);
        return true;
      } catch (err) {
        storeErrors.inc();
        options.logger.rateLimited('store-error', 'error', 'could not store readings; retrying', {
          error: (err as Error).message,
        });
        const delayMs = Math.min(retryDelayMs * 2 ** attempt, maxRetryDelayMs);
        // Ingest stopping cuts the wait short: the message stays with its sender.
        await sleep(delayMs, undefined, { signal }).catch(() => undefined);
      }
    }
    return false;
  };
}
