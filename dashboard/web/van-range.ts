/**
 * The van page's time ranges (issue 12): the presets, the bucket width that keeps a chart
 * readable, and the Europe/Brussels wall time of the custom range's `datetime-local` inputs.
 * Pure: no DOM, unit-tested in Node.
 */
import { FLEET_TIME_ZONE, zoneOffset } from '../text/brussels-day.ts';

export type RangePreset = '1h' | '12h' | '24h' | '7d';
export const PRESETS: readonly RangePreset[] = ['1h', '12h', '24h', '7d'];
const HOUR = 3_600_000;
export const PRESET_MS: Record<RangePreset, number> = {
  '1h': HOUR,
  '12h': 12 * HOUR,
  '24h': 24 * HOUR,
  '7d': 7 * 24 * HOUR,
};

export interface VanRange {
  /** A preset ends now and keeps following live readings; `custom` is fixed. */
  choice: RangePreset | 'custom';
  /** ms since 1970 UTC, `from` inclusive, `to` exclusive (as the history API). */
  from: number;
  to: number;
}

/**
 * Bucket widths a person reads easily, ms. The smallest is 30 s: the history API's default
 * floor, one recording interval (the simulated vans record every 5–30 s).
 */
const BUCKETS_MS = [30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400].map(
  (s) => s * 1000,
);
/** Most buckets per chart: a line of a few hundred points on a chart ~1 000 px wide. */
export const MAX_POINTS = 400;

/** The smallest readable bucket that puts at most `MAX_POINTS` buckets in the range: 1 h → 30 s, 7 days → 30 min. */
export function bucketFor(rangeMs: number): number {
  return BUCKETS_MS.find((b) => rangeMs / b <= MAX_POINTS) ?? Math.ceil(rangeMs / MAX_POINTS);
}

export function presetRange(choice: RangePreset, now: number): VanRange {
  return { choice, from: now - PRESET_MS[choice], to: now };
}

/** The range an address asks for (`?range=12h`, or `?from=&to=` in ms), else the last 12 h. */
export function rangeFromQuery(search: string, now: number): VanRange {
  const q = new URLSearchParams(search);
  const from = Number(q.get('from'));
  const to = Number(q.get('to'));
  if (q.has('from') && q.has('to') && Number.isSafeInteger(from) && Number.isSafeInteger(to) && from < to)
    return { choice: 'custom', from, to };
  const preset = PRESETS.find((p) => p === q.get('range'));
  return presetRange(preset ?? '12h', now);
}

/**
 * A `datetime-local` value (`2026-11-26T20:00`), read as wall time in `zone`; `undefined` if
 * it is not one. In the autumn's repeated hour the first (summer) instant is taken.
 */
export function wallTimeToMs(wall: string, zone = FLEET_TIME_ZONE): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(wall);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const asUtc = Date.UTC(y!, mo! - 1, d!, h!, mi!, Number.isNaN(s) ? 0 : s!);
  // Two passes: the offset at the guess, then at the instant it gives (a DST change in between).
  const first = asUtc - zoneOffset(asUtc - zoneOffset(asUtc, zone), zone);
  const earlier = asUtc - zoneOffset(first - HOUR, zone);
  return earlier !== first && zoneOffset(earlier, zone) === asUtc - earlier ? earlier : first;
}

/** The inverse, for filling the inputs: `2026-11-26T21:00` for 20:00 UTC in Brussels. */
export function msToWallTime(ms: number, zone = FLEET_TIME_ZONE): string {
  const local = new Date(ms + zoneOffset(ms, zone));
  return local.toISOString().slice(0, 16);
}
