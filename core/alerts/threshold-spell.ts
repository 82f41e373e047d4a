import { onTime, reached, type Boundary } from './vouching.ts';

/**
 * A "spell" above a temperature threshold, with a delay before it raises and hysteresis
 * before it clears — the shape shared by the excursion and severe rules (issue 5).
 *
 * Before raising, the temperature must stay above the threshold *continuously*, as proven by
 * records: one record at or below it ends the spell, and so does a silence longer than the
 * sensor's recording interval allows (vouching.ts: time no record covers is a data gap, not
 * time above). So a door opened for loading (a spike of a few minutes) raises nothing. Once
 * raised, the episode clears only after the temperature has stayed at or below
 * (threshold − margin) for `clearHoldMs`, so a temperature hovering at the limit keeps one
 * episode open instead of raising a storm.
 *
 * A spell lasts from its first record to its latest one plus that record's own interval (its
 * hold): N records 30 s apart last N × 30 s, as the cumulative rule counts them.
 */
export interface Spell {
  /** Device time of the spell's first record above the threshold, ms. */
  since: number | null;
  /** Device time of the first record of the current cool stretch, ms; `null` while warmer. */
  coolSince: number | null;
  raised: boolean;
  /** Warmest °C of the spell. */
  peak: number | null;
  /** Device time of the latest record judged, ms (continuity). */
  lastTs: number | null;
}

export const NO_SPELL: Spell = Object.freeze({
  since: null,
  coolSince: null,
  raised: false,
  peak: null,
  lastTs: null,
});

export interface SpellParams {
  /** °C: strictly above it counts. */
  threshold: number;
  /** How long above before raising, ms (0 with `at-least` = at the first record). */
  delayMs: number;
  boundary: Boundary;
  clearMarginC: number;
  /** How long cool before clearing, ms, always `at-least`. */
  clearHoldMs: number;
}

/** What one record did to a spell: a change carries the spell's start and peak (also when it just cleared). */
export type SpellChange =
  { change: 'none' } | { change: 'raised' | 'cleared'; since: number; peak: number | null };

const NO_CHANGE: SpellChange = Object.freeze({ change: 'none' });

export interface SpellRecord {
  ts: number;
  celsius: number;
  /** The sensor's recording interval, ms; `null` while unknown (then a record holds nothing). */
  intervalMs: number | null;
}

/** A spell of the caller's own (`stepSpell` changes it): a copy of `s`. */
export function ownSpell(s: Spell): Spell {
  return { since: s.since, coolSince: s.coolSince, raised: s.raised, peak: s.peak, lastTs: s.lastTs };
}

/**
 * Feeds one record to a spell the caller owns, changing it in place (it runs for every
 * reading, issue 14: no new objects unless it raises or clears). `canRaise` false holds the
 * raise back (defrost suppression); `delayFrom` starts the delay later than the spell (after a
 * defrost, defrost-window.ts), given the spell's start.
 */
export function stepSpell(
  s: Spell,
  r: SpellRecord,
  p: SpellParams,
  canRaise = true,
  delayFrom?: (since: number) => number,
): SpellChange {
  const { ts, celsius } = r;
  const hold = r.intervalMs ?? 0;
  const continuous = s.lastTs === null || onTime(ts - s.lastTs, r.intervalMs);
  const above = celsius > p.threshold;
  s.lastTs = ts;
  if (!s.raised) {
    if (!above) {
      s.since = null;
      s.coolSince = null;
      s.peak = null;
      return NO_CHANGE;
    }
    const since = continuous && s.since !== null ? s.since : ts;
    s.peak = since === s.since && s.peak !== null ? Math.max(s.peak, celsius) : celsius;
    s.since = since;
    s.coolSince = null;
    const from = delayFrom ? delayFrom(since) : since;
    if (!canRaise || !reached(ts - from + hold, p.delayMs, p.boundary)) return NO_CHANGE;
    s.raised = true;
    return { change: 'raised', since, peak: s.peak };
  }
  s.peak = s.peak === null ? celsius : Math.max(s.peak, celsius);
  if (celsius > p.threshold - p.clearMarginC) {
    s.coolSince = null;
    return NO_CHANGE;
  }
  const coolSince = continuous && s.coolSince !== null ? s.coolSince : ts;
  if (!reached(ts - coolSince + hold, p.clearHoldMs, 'at-least')) {
    s.coolSince = coolSince;
    return NO_CHANGE;
  }
  const cleared: SpellChange = { change: 'cleared', since: s.since!, peak: s.peak };
  s.since = null;
  s.coolSince = null;
  s.raised = false;
  s.peak = null;
  return cleared;
}
