import { onTime } from '../alerts/vouching.ts';

/** A stretch of the period no record of a sensor vouches for. */
export interface DataGap {
  /** The sensor without records then; `null` when no sensor of the compartment recorded at all. */
  sensor: string | null;
  from: number;
  to: number;
  durationMs: number;
}

/**
 * One sensor's data gaps in `[from, to]` (issue 10): a record vouches for the time to the next
 * one when that came on time, else for one recording interval (`intervalMs`), and the rest of
 * the silence is a gap (core/alerts/vouching.ts). The pickup is not a record: a first record
 * late after it leaves a gap from the pickup; a last record long before delivery, one to the
 * delivery. Timestamps sorted, ms.
 */
export function findGaps(
  sortedTs: readonly number[],
  from: number,
  to: number,
  intervalMs: number,
  sensor: string | null,
): DataGap[] {
  const inside = sortedTs.filter((t) => t >= from && t <= to);
  if (inside.length === 0) return [{ sensor, from, to, durationMs: to - from }];
  const gaps: DataGap[] = [];
  const gap = (a: number, b: number) => {
    if (b > a) gaps.push({ sensor, from: a, to: b, durationMs: b - a });
  };
  if (!onTime(inside[0]! - from, intervalMs)) gap(from, inside[0]!);
  for (let i = 1; i < inside.length; i++) {
    const [a, b] = [inside[i - 1]!, inside[i]!];
    if (!onTime(b - a, intervalMs)) gap(a + intervalMs, b);
  }
  const last = inside[inside.length - 1]!;
  if (!onTime(to - last, intervalMs)) gap(last + intervalMs, to);
  return gaps;
}
