/**
 * A "spell" above a temperature threshold, with a delay before it raises and hysteresis
 * before it clears — the shape shared by the excursion and severe rules (issue 5).
 *
 * Before raising, the temperature must stay above the threshold *continuously*: one reading
 * at or below it ends the spell, so a door opened for loading (a spike of a few minutes)
 * raises nothing. Once raised, the episode clears only after the temperature has stayed at or
 * below (threshold − margin) for `clearHoldMs`, so a temperature hovering at the limit keeps
 * one episode open instead of raising a storm.
 */
export interface Spell {
  /** Device time the temperature first went above the threshold in this spell, ms. */
  since: number | null;
  /** Device time it went to (threshold − margin) or below and stayed, ms; `null` while warmer. */
  coolSince: number | null;
  raised: boolean;
  /** Warmest °C of the spell. */
  peak: number | null;
}

export const NO_SPELL: Spell = Object.freeze({ since: null, coolSince: null, raised: false, peak: null });

export interface SpellParams {
  /** °C: strictly above it counts. */
  threshold: number;
  /** Time above before raising, ms (0 = at once). */
  delayMs: number;
  clearMarginC: number;
  clearHoldMs: number;
}

export interface SpellStep {
  spell: Spell;
  change: 'none' | 'raised' | 'cleared';
  /** The spell's start and peak, also when it just cleared (the new spell is empty then). */
  since: number | null;
  peak: number | null;
}

/**
 * Feeds one reading (device time `ts`, °C). `delayFrom` lets the caller start the delay later
 * than the spell (after a defrost); `canRaise` false holds the raise back (defrost suppression).
 */
export function stepSpell(
  s: Spell,
  ts: number,
  celsius: number,
  p: SpellParams,
  gate: { canRaise: boolean; delayFrom?: (since: number) => number } = { canRaise: true },
): SpellStep {
  const above = celsius > p.threshold;
  const peak = s.peak === null ? celsius : Math.max(s.peak, celsius);
  if (!s.raised) {
    if (!above) return { spell: NO_SPELL, change: 'none', since: null, peak: null };
    const since = s.since ?? ts;
    const from = gate.delayFrom ? gate.delayFrom(since) : since;
    const raise = gate.canRaise && ts - from >= p.delayMs;
    return {
      spell: { since, coolSince: null, raised: raise, peak },
      change: raise ? 'raised' : 'none',
      since,
      peak,
    };
  }
  if (celsius > p.threshold - p.clearMarginC) {
    return { spell: { ...s, coolSince: null, peak }, change: 'none', since: s.since, peak };
  }
  const coolSince = s.coolSince ?? ts;
  if (ts - coolSince >= p.clearHoldMs) return { spell: NO_SPELL, change: 'cleared', since: s.since, peak };
  return { spell: { ...s, coolSince, peak }, change: 'none', since: s.since, peak };
}
