import type { ReceiptRange } from './messages.ts';

/**
 * Adds the seq `seq` to `ranges`, which grows at its end: the usual case (a van's readings
 * numbered +1 each) extends the last range in place, so a batch costs one comparison per
 * reading and one array slot per run of consecutive seqs. Out-of-order seqs start a new range;
 * `mergeRanges` sorts them out when the receipt is sent.
 */
function addSeq(ranges: ReceiptRange[], seq: number): void {
  const last = ranges.at(-1);
  if (last && seq >= last[0] && seq <= last[1] + 1) last[1] = Math.max(last[1], seq);
  else ranges.push([seq, seq]);
}

/** Appends the seqs of `readings` to `ranges` (ingest, once per stored message). */
export function appendSeqs(ranges: ReceiptRange[], readings: readonly { seq: number }[]): void {
  for (const r of readings) addSeq(ranges, r.seq);
}

/** The same seqs as sorted, disjoint, non-adjacent ranges. */
export function mergeRanges(ranges: readonly ReceiptRange[]): ReceiptRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: ReceiptRange[] = [];
  for (const [from, to] of sorted) {
    const last = merged.at(-1);
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

/** Whether sorted, disjoint `ranges` hold `seq`, walking forward from `cursor.at` (a merge walk over sorted seqs). */
export function coveredFrom(ranges: readonly ReceiptRange[], cursor: { at: number }, seq: number): boolean {
  while (cursor.at < ranges.length && ranges[cursor.at]![1] < seq) cursor.at++;
  const range = ranges[cursor.at];
  return range !== undefined && range[0] <= seq;
}
