import type { TemperatureReading } from '../readings.ts';
import { emptyCompartmentRules, stepTemperature, type CompartmentContext } from './compartment-rules.ts';
import type { AlertCleared, AlertRaised, RuleEvent } from './rule-event.ts';

/** An episode found in late readings: raised, and cleared within the segment (always, see below). */
export interface LateEpisode {
  raise: AlertRaised;
  clear: AlertCleared;
}

/**
 * Judges readings that arrive after newer ones of the same compartment were already judged
 * (a van that sent live data before its backlog). Rewriting the live state would re-decide
 * episodes people have already acted on, so the segment is judged on its own, from a clean
 * state, with the same excursion and severe rules: a breach inside it raises an episode with
 * its true device start and detection times. What followed the segment is the live stream's
 * to judge, so an episode still open at the segment's last reading is closed there.
 * The engine creates these only when their id is new: replays stay idempotent.
 */
export function judgeLateSegment(
  readings: readonly TemperatureReading[],
  ctx: CompartmentContext,
  compartment: string,
): LateEpisode[] {
  const state = emptyCompartmentRules(compartment);
  const late = { ...ctx, late: true };
  const open = new Map<string, AlertRaised>();
  const found: LateEpisode[] = [];
  const sorted = [...readings].sort((a, b) => a.ts - b.ts || a.seq - b.seq);
  for (const r of sorted) {
    const events: RuleEvent[] = [];
    stepTemperature(state, r, late, events);
    for (const e of events) {
      const key = `${e.kind}@${e.startedAt}`;
      if (e.type === 'raise') open.set(key, e);
      else {
        const raise = open.get(key);
        if (raise) found.push({ raise, clear: e });
        open.delete(key);
      }
    }
  }
  const last = sorted[sorted.length - 1];
  if (last)
    for (const raise of open.values())
      found.push({ raise, clear: { ...raise, type: 'clear', clearedAt: last.ts, peak: raise.peak } });
  return found;
}
