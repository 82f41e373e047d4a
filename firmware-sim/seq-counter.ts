/**
 * Where a van's reading counter starts at boot.
 *
 * A reading's identity downstream is `(van, seq)`: ingest stores a replayed `(van, seq)` once
 * and drops the copy. A restarted simulator that started again from 0 would therefore have its
 * new readings thrown away as duplicates of old ones. So, without a state file, the counter
 * starts at the wall clock in microseconds (`Date.now() * 1000`): larger than any seq a
 * previous run handed out, as long as no run recorded more than one reading per microsecond of
 * wall time on average (a van records ~10 readings per interval; even at speed ×10 000 that is
 * far below 10⁶ per second), and below `Number.MAX_SAFE_INTEGER` until the year 2255.
 * A state file written at stop lets a restart continue where the last run ended; the larger of
 * the two wins, so a stale or copied file can never make seqs go back.
 * Downstream, the jump at a restart would look like a gap in `seq`; the van announces its
 * boot's first seq in its `online` status, so ingest counts no gap there (core/gaps/seq-gaps.ts).
 */
export function bootSeq(nowMs: number, persistedNextSeq?: number): number {
  return Math.max(Math.floor(nowMs) * 1000, persistedNextSeq ?? 0);
}

export interface SeqCounter {
  /** The seq of a new reading: +1 every call, never reused. */
  next(): number;
  /** The seq the next reading will get (what a state file stores). */
  peek(): number;
}

export function createSeqCounter(start: number): SeqCounter {
  let next = start;
  return { next: () => next++, peek: () => next };
}
