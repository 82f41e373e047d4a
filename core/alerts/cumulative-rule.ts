import { reached, vouchedMs } from './vouching.ts';

/**
 * Cumulative rule: total time above the limit during a period exceeds a budget (issue 5,
 * default 30 min, `longer-than`). Each record above the limit counts for what it vouches
 * for (vouching.ts): the time to its sensor's next record when that came on time, else one
 * recording interval; the latest record counts its interval at once (its hold). The period is whatever the caller says it is: the load on board
 * (core/loads/loads-period.ts), else a trip of the van (see trip-period.ts). When the
 * period changes, the total starts again from zero and an open episode clears.
 */
export interface CumulativeState {
  period: string | null;
  /** Time above the limit so far in this period, ms of device time, the latest record's hold excluded. */
  aboveMs: number;
  lastTs: number | null;
  lastAbove: boolean;
  /** Device time the first above-limit reading of the period was taken, ms. */
  firstAboveAt: number | null;
  raised: boolean;
  peak: number | null;
}

export const EMPTY_CUMULATIVE: CumulativeState = Object.freeze({
  period: null,
  aboveMs: 0,
  lastTs: null,
  lastAbove: false,
  firstAboveAt: null,
  raised: false,
  peak: null,
});

export interface CumulativeInput {
  ts: number;
  celsius: number;
  limit: number;
  period: string;
  budgetMs: number;
  /** The sensor's recording interval, ms (`null` while unknown): a gap is unknown, not warm. */
  intervalMs: number | null;
}

/**
 * What one record did: `raised`, the budget was just exceeded; `ended`, the previous
 * period's state, when a new period began while its episode was open.
 */
export interface CumulativeStep {
  change: 'none' | 'raised';
  ended?: CumulativeState;
}

const NOTHING: CumulativeStep = Object.freeze({ change: 'none' });

/** A cumulative state of the caller's own (`stepCumulative` changes it): a copy of `s`. */
export function ownCumulative(s: CumulativeState): CumulativeState {
  return { ...s };
}

/**
 * Feeds one record to a state the caller owns, changing it in place (it runs for every
 * reading, issue 14: no new object unless the budget is exceeded or a period ends).
 */
export function stepCumulative(s: CumulativeState, r: CumulativeInput): CumulativeStep {
  let ended: CumulativeState | undefined;
  if (s.period === null && s.raised) {
    // Seeded from an episode still open before a restart: it carries on in the current period.
    s.period = r.period;
  } else if (s.period !== r.period) {
    if (s.raised) ended = { ...s };
    Object.assign(s, EMPTY_CUMULATIVE);
    s.period = r.period;
  }
  // Left-point rule: what the previous record vouched for counts as above if that record was.
  const step = s.lastTs === null ? 0 : vouchedMs(Math.max(0, r.ts - s.lastTs), r.intervalMs);
  const above = r.celsius > r.limit;
  if (s.lastAbove) s.aboveMs += step;
  s.lastTs = r.ts;
  s.lastAbove = above;
  if (s.firstAboveAt === null && above) s.firstAboveAt = r.ts;
  if (above) s.peak = Math.max(s.peak ?? r.celsius, r.celsius);
  const soFar = s.aboveMs + (above ? (r.intervalMs ?? 0) : 0);
  const raised = !s.raised && reached(soFar, r.budgetMs, 'longer-than');
  if (raised) s.raised = true;
  if (ended) return { change: raised ? 'raised' : 'none', ended };
  return raised ? { change: 'raised' } : NOTHING;
}

/** Time above the limit through `endTs` (the period's end): the latest record's hold is cut there. */
export function timeAboveThrough(s: CumulativeState, endTs: number, intervalMs: number | null): number {
  if (s.lastTs === null || !s.lastAbove) return s.aboveMs;
  return s.aboveMs + vouchedMs(Math.max(0, endTs - s.lastTs), intervalMs);
}
