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

/** Scratch space of medianStep: no sample is longer than the longest array handed to it. */
let scratch = new Float64Array(INTERVAL_SAMPLE);

/**
 * The median of recent steps between a sensor's records, ms; `null` before the first step (the
 * upper median of an even count). Runs for every reading (issue 14): an insertion sort of at
 * most INTERVAL_SAMPLE numbers in a reused buffer, no copy, no comparator.
 */
export function medianStep(steps: readonly number[]): number | null {
  const n = steps.length;
  if (n === 0) return null;
  if (scratch.length < n) scratch = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = steps[i]!;
    let j = i;
    while (j > 0 && scratch[j - 1]! > v) {
      scratch[j] = scratch[j - 1]!;
      j--;
    }
    scratch[j] = v;
  }
  return scratch[Math.floor(n / 2)]!;
}

/**
 * Adds a step to a sample the caller owns, keeping the latest `INTERVAL_SAMPLE`, oldest
 * dropped first (in place: it runs for every reading, issue 14).
 */
export function pushStep(steps: number[], stepMs: number): void {
  steps.push(stepMs);
  if (steps.length > INTERVAL_SAMPLE) steps.splice(0, steps.length - INTERVAL_SAMPLE);
}
