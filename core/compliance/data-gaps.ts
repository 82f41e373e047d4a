/** A stretch with no temperature record longer than the recording interval allows. */
export interface DataGap {
  from: number;
  to: number;
  durationMs: number;
}

/**
 * Gaps in `[from, to]` between successive records, counting the pickup and the delivery as
 * the ends: a gap is *longer than* `maxIntervalMs` (a record exactly one interval after the
 * last one is on time, EN 12830). Timestamps sorted, ms.
 */
export function findGaps(
  sortedTs: readonly number[],
  from: number,
  to: number,
  maxIntervalMs: number,
): DataGap[] {
  const gaps: DataGap[] = [];
  let previous = from;
  for (const ts of [...sortedTs.filter((t) => t >= from && t <= to), to]) {
    if (ts - previous > maxIntervalMs) gaps.push({ from: previous, to: ts, durationMs: ts - previous });
    previous = ts;
  }
  return gaps;
}
