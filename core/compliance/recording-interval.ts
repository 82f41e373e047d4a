const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The longest interval between two records a trip of `durationMs` allows. EN 12830 (and
 * EN 13486 for its verification) asks recorders for at most 5 min between records on trips
 * under 24 h, 15 min up to 7 days, 60 min beyond. Under 24 h we use the alert rules'
 * "recorder silent" setting (5 min by default), so a silence alert and a certificate gap agree.
 */
export function maxRecordingIntervalMs(durationMs: number, recorderSilentMs: number): number {
  if (durationMs < 24 * HOUR) return recorderSilentMs;
  if (durationMs <= 7 * 24 * HOUR) return 15 * MINUTE;
  return 60 * MINUTE;
}

/** The median interval between successive records, ms; `null` with fewer than two. */
export function observedIntervalMs(sortedTs: readonly number[]): number | null {
  if (sortedTs.length < 2) return null;
  const steps = sortedTs
    .slice(1)
    .map((ts, i) => ts - sortedTs[i]!)
    .sort((a, b) => a - b);
  return steps[Math.floor(steps.length / 2)]!;
}
