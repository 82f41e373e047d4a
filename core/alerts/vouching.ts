/**
 * A record is on time when it comes at most this many recording intervals after the previous
 * one of its sensor: room for a recorder's clock jitter, never for a lost record (which makes
 * the step twice the interval).
 */
export const ON_TIME_FACTOR = 1.5;

/** Whether the next record came on time (see `ON_TIME_FACTOR`); a later one leaves a gap. */
export function onTime(stepMs: number, intervalMs: number | null): boolean {
  return intervalMs === null || stepMs <= intervalMs * ON_TIME_FACTOR;
}

/**
 * What a record vouches for (issue 10): the time until its sensor's next record when that one
 * is on time; otherwise one recording interval, and the rest of the silence is a data gap.
 * Every duration the rules and certificates measure (time above the limit, how long a spell
 * lasted, how long it stayed cool) is a sum of these, so a record counts for its interval.
 * `intervalMs` `null` (not known yet: a sensor's first step): the step itself.
 */
export function vouchedMs(stepMs: number, intervalMs: number | null): number {
  return onTime(stepMs, intervalMs) ? stepMs : intervalMs!;
}

/**
 * How a duration is compared with its setting (README, "Boundaries"): `longer-than` is
 * strictly more, `at-least` is that much or more. Durations count each record's interval,
 * the latest record's included (its hold), so N records 30 s apart last N × 30 s.
 */
export type Boundary = 'longer-than' | 'at-least';

export function reached(durationMs: number, settingMs: number, boundary: Boundary): boolean {
  return boundary === 'longer-than' ? durationMs > settingMs : durationMs >= settingMs;
}

/** Most recent steps a sensor's recording interval is estimated from (their median). */
export const INTERVAL_SAMPLE = 9;

/** The median of recent steps between a sensor's records, ms; `null` before the first step. */
export function medianStep(steps: readonly number[]): number | null {
  if (steps.length === 0) return null;
  const sorted = [...steps].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Adds a step to the sample, keeping the latest `INTERVAL_SAMPLE`. */
export function withStep(steps: readonly number[], stepMs: number): number[] {
  const next = [...steps, stepMs];
  return next.length > INTERVAL_SAMPLE ? next.slice(next.length - INTERVAL_SAMPLE) : next;
}
