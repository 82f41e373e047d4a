/**
 * A reefer defrost cycle warms the air on purpose: it suppresses excursion alerts, but only
 * for a bounded time (`defrostMaxMs`), so a reefer stuck in defrost still alerts (issue 5).
 */
export interface DefrostWindow {
  /** Device time the defrost began, ms. */
  since: number;
  /** Device time it ended, ms; `null` while still defrosting. */
  until: number | null;
}

/** Folds a reefer reading into the latest defrost window. */
export function nextDefrost(w: DefrostWindow | null, ts: number, defrosting: boolean): DefrostWindow | null {
  if (defrosting) return w && w.until === null ? w : { since: ts, until: null };
  if (w && w.until === null) return { since: w.since, until: ts };
  return w;
}

/** Whether excursion alerts are held back at device time `ts`. */
export function suppressedAt(w: DefrostWindow | null, ts: number, maxMs: number): boolean {
  if (!w || ts < w.since) return false;
  const end = Math.min(w.until ?? Infinity, w.since + maxMs);
  return ts < end;
}

/**
 * When the excursion delay starts for a spell that began at `since`. After a defrost that
 * ended within its bound, the delay counts from its end: the reefer needs that time to pull
 * the air back down, and the warming was deliberate. After an overrun (a stuck defrost) the
 * spell counts from its own start, so the alert comes at once.
 */
export function excursionDelayFrom(w: DefrostWindow | null, since: number, maxMs: number): number {
  if (!w || w.until === null || w.until <= since) return since;
  const overran = w.until - w.since > maxMs;
  return overran ? since : Math.max(since, w.until);
}
