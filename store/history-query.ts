import { GivreError } from '../platform/errors.ts';
import type { HistoryQuery } from './reading-store.ts';

/**
 * Most buckets one history query may return: a chart is a few thousand pixels wide, and a
 * tiny bucket over a year would make either store (and the browser) do a lot of useless work.
 */
export const MAX_HISTORY_BUCKETS = 10_000;

/** Refuses a history query both stores would answer badly; the message is for the API client. */
export function checkHistoryQuery(query: HistoryQuery): void {
  const { from, to, bucketMs } = query;
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from >= to) {
    throw new GivreError('GIVRE_ERR_BAD_REQUEST', 'history: from and to must be whole ms with from < to');
  }
  if (!Number.isSafeInteger(bucketMs) || bucketMs < 1) {
    throw new GivreError('GIVRE_ERR_BAD_REQUEST', 'history: bucketMs must be a whole number of ms ≥ 1');
  }
  if (Math.ceil((to - from) / bucketMs) + 1 > MAX_HISTORY_BUCKETS) {
    throw new GivreError(
      'GIVRE_ERR_BAD_REQUEST',
      `history: more than ${MAX_HISTORY_BUCKETS} buckets; widen bucketMs or narrow the range`,
    );
  }
}
