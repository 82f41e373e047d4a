import type { VanContext } from '../alerts/van-rules.ts';

/** A load on board a compartment, as the cumulative rule needs it: id and pickup time (ms, device clock). */
export interface OnBoardLoad {
  id: string;
  pickedUpAt: number;
}

/**
 * The cumulative rule counts "time above the limit during a load" (DESIGN.md §5). The
 * period of a compartment at device time `ts` is the load on board that was picked up
 * first (ties by id); `null` when none was on board yet, so the caller falls back to the
 * trip. Why the earliest rather than the set of loads: a round collects from several
 * supermarkets into one compartment; keyed by the set, every pickup would restart the
 * count and lose what the first loads already endured. The earliest load's total includes
 * every later load's, so the alert is never later than any on-board load's own count
 * until that load is delivered; its certificate (core/compliance, period = the load)
 * counts from its own pickup at its own limit.
 */
export function loadPeriodKey(onBoard: readonly OnBoardLoad[], ts: number): string | null {
  let first: OnBoardLoad | undefined;
  for (const load of onBoard) {
    if (load.pickedUpAt > ts) continue; // picked up after this reading: not yet on board
    if (
      !first ||
      load.pickedUpAt < first.pickedUpAt ||
      (load.pickedUpAt === first.pickedUpAt && load.id < first.id)
    )
      first = load;
  }
  return first ? `load-${first.id}` : null;
}

/** The alert engine's `periodOf`: the load on board (`onBoard` is the load store's lookup), else `fallback` (the trip). */
export function loadsPeriodOf(
  onBoard: (van: string, compartment: string) => readonly OnBoardLoad[],
  fallback: VanContext['periodOf'],
): VanContext['periodOf'] {
  return (van, compartment, ts, trip) =>
    loadPeriodKey(onBoard(van, compartment), ts) ?? fallback(van, compartment, ts, trip);
}
