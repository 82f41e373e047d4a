export interface DoorSummary {
  /** Openings seen during the load (one still open at delivery counts). */
  count: number;
  /** Total time open, ms, clipped to the load's period. */
  totalOpenMs: number;
}

/** Door openings of one compartment from its door records (device-time order), within `[from, to]`. */
export function summariseDoors(
  doors: readonly { ts: number; open: boolean }[],
  from: number,
  to: number,
): DoorSummary {
  let count = 0;
  let totalOpenMs = 0;
  let openSince: number | null = null;
  for (const d of doors) {
    if (d.ts < from || d.ts > to) continue;
    if (d.open && openSince === null) {
      openSince = d.ts;
      count += 1;
    } else if (!d.open && openSince !== null) {
      totalOpenMs += d.ts - openSince;
      openSince = null;
    }
  }
  if (openSince !== null) totalOpenMs += to - openSince;
  return { count, totalOpenMs };
}
