import type { RecordCompleteness } from './compliance-report.ts';

/** Inclusive range of a van's record numbers (`seq`). */
export interface SeqRange {
  first: number;
  last: number;
}

/**
 * Which of the van's records of a load's period are here, by the van's own numbering (issue
 * 10): `seq` grows by one per reading the van records, of any kind, so the records dated in
 * the period are numbered from the first to the last one here, and any number between them
 * that is missing is a record still on its way (or lost). The tail is known complete only
 * when the record numbered right after the period's last one has arrived: it was recorded
 * after delivery, so nothing recorded before it can still be missing.
 * `periodSeqs` are the seqs of every reading of the van dated inside the period;
 * `nextReceived` says whether the store holds seq `max + 1`.
 */
export function recordCompleteness(periodSeqs: readonly number[], nextReceived: boolean): RecordCompleteness {
  if (periodSeqs.length === 0) return { complete: false, tailReceived: false, missing: [] };
  const sorted = [...new Set(periodSeqs)].sort((a, b) => a - b);
  const missing: SeqRange[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1]!, sorted[i]!];
    if (b > a + 1) missing.push({ first: a + 1, last: b - 1 });
  }
  return { complete: missing.length === 0 && nextReceived, tailReceived: nextReceived, missing };
}

/** The seq whose arrival closes the period's tail: one past the highest seq dated inside it. */
export function tailSeq(periodSeqs: readonly number[]): number | null {
  if (periodSeqs.length === 0) return null;
  return Math.max(...periodSeqs) + 1;
}

/** Missing-record ranges a person is shown before "and N more ranges": a certificate is a page, not a log. */
export const MAX_RANGES_SHOWN = 12;

/** Missing records for people: how many, the first ranges as "12–15" or "20", how many ranges not shown. */
export function missingSummary(missing: readonly SeqRange[]): {
  count: number;
  ranges: string;
  more: number;
} {
  return {
    count: missing.reduce((n, m) => n + m.last - m.first + 1, 0),
    ranges: missing
      .slice(0, MAX_RANGES_SHOWN)
      .map((m) => (m.first === m.last ? String(m.first) : `${m.first}–${m.last}`))
      .join(', '),
    more: Math.max(0, missing.length - MAX_RANGES_SHOWN),
  };
}

/**
 * Whether every missing record is one the van itself declared lost (issue 13: dropped at its
 * storage bound while offline). Ranges inclusive; `declared` in any order, overlapping allowed.
 */
export function declaredLostCovers(missing: readonly SeqRange[], declared: readonly SeqRange[]): boolean {
  const sorted = [...declared].sort((a, b) => a.first - b.first);
  return missing.every((m) => {
    let next = m.first; // the first seq of `m` not yet covered
    for (const d of sorted) {
      if (d.first > next) break;
      if (d.last >= next) next = d.last + 1;
      if (next > m.last) return true;
    }
    return next > m.last;
  });
}
