import { SENSOR_CURRENT_MS, type VanState } from '../../core/van-state.ts';

/**
 * Whether a van's values are live or only the last thing it said (issue 12): stale when the
 * van is offline, or when its newest record is older than `SENSOR_CURRENT_MS` (5 min, the
 * longest recording interval EN 12830 allows on short trips, and the recorder-silent default).
 * Ages are device time against the viewer's clock, never negative (a van's clock a little
 * ahead). Pure: `now` is given. The age in words is format.ts `formatAge`.
 */
export interface Freshness {
  stale: boolean;
  /** ms since the newest record; `null` before the first. */
  ageMs: number | null;
}

export function freshnessOf(
  state: Pick<VanState, 'online' | 'lastReadingTs' | 'clock'>,
  now: number,
): Freshness {
  // Device time back to server time by the van's measured offset (issue 13): a van 3 h slow
  // that speaks every minute is live, not "3 h ago".
  const offset = state.clock?.offsetMs ?? 0;
  const ageMs = state.lastReadingTs === null ? null : Math.max(0, now - (state.lastReadingTs - offset));
  return { stale: state.online === false || (ageMs !== null && ageMs > SENSOR_CURRENT_MS), ageMs };
}
