/** A span of time, ms since 1970 UTC, `from` ≤ `to`. */
export interface Interval {
  from: number;
  to: number;
}

/**
 * The times a compartment's door was open, from its door records in device-time order, as
 * `summariseDoors` counts them: open from the first record saying open to the next saying
 * closed; a door still open at the last record stays open until `until` (the delivery). Give
 * it the records from before pickup too: a door already open at pickup then counts from pickup
 * (`clipAndMerge`).
 */
export function doorOpenIntervals(
  doors: readonly { ts: number; open: boolean }[],
  until: number,
): Interval[] {
  const out: Interval[] = [];
  let openSince: number | null = null;
  for (const d of doors) {
    if (d.open && openSince === null) openSince = d.ts;
    else if (!d.open && openSince !== null) {
      out.push({ from: openSince, to: d.ts });
      openSince = null;
    }
  }
  if (openSince !== null && until > openSince) out.push({ from: openSince, to: until });
  return out;
}

/**
 * The intervals clipped to `period` and merged where they overlap or touch, in time order:
 * every instant counted once, however many doors (or records) say it was open.
 */
export function clipAndMerge(intervals: readonly Interval[], period: Interval): Interval[] {
  const clipped = intervals
    .map((i) => ({ from: Math.max(i.from, period.from), to: Math.min(i.to, period.to) }))
    .filter((i) => i.to > i.from)
    .sort((a, b) => a.from - b.from || a.to - b.to);
  const merged: Interval[] = [];
  for (const i of clipped) {
    const last = merged[merged.length - 1];
    if (last && i.from <= last.to) last.to = Math.max(last.to, i.to);
    else merged.push({ ...i });
  }
  return merged;
}
