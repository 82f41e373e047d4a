/**
 * Cumulative rule: total time above the limit during a period exceeds a budget (issue 5,
 * default 30 min). The period is whatever the caller says it is: the load on board
 * (core/loads/loads-period.ts), else a trip of the van (see trip-period.ts). When the
 * period changes, the total starts again from zero and an open episode clears.
 */
export interface CumulativeState {
  period: string | null;
  /** Time above the limit so far in this period, ms of device time. */
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
  /** Longest interval between readings that may count as above, ms: a gap is unknown, not warm. */
  maxStepMs: number;
}

export interface CumulativeStep {
  state: CumulativeState;
  /** The budget was just exceeded. */
  change: 'none' | 'raised';
  /** The previous period's state, when a new period began while its episode was open. */
  ended?: CumulativeState;
}

export function stepCumulative(s: CumulativeState, r: CumulativeInput): CumulativeStep {
  let ended: CumulativeState | undefined;
  let state = s;
  if (s.period === null && s.raised) {
    // Seeded from an episode still open before a restart: it carries on in the current period.
    state = { ...s, period: r.period };
  } else if (s.period !== r.period) {
    if (s.raised) ended = s;
    state = { ...EMPTY_CUMULATIVE, period: r.period };
  }
  // Left-point rule: the interval since the last reading counts as above if that reading was.
  const step = state.lastTs === null ? 0 : Math.min(Math.max(0, r.ts - state.lastTs), r.maxStepMs);
  const above = r.celsius > r.limit;
  const next: CumulativeState = {
    ...state,
    aboveMs: state.aboveMs + (state.lastAbove ? step : 0),
    lastTs: r.ts,
    lastAbove: above,
    firstAboveAt: state.firstAboveAt ?? (above ? r.ts : null),
    peak: above ? Math.max(state.peak ?? r.celsius, r.celsius) : state.peak,
  };
  if (!next.raised && next.aboveMs > r.budgetMs) {
    return { state: { ...next, raised: true }, change: 'raised', ...(ended ? { ended } : {}) };
  }
  return { state: next, change: 'none', ...(ended ? { ended } : {}) };
}
