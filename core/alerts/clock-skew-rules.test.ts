import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SETTINGS } from '../rule-settings.ts';
import type { RuleEvent } from './rule-event.ts';
import { context, MIN, numbered, raises, ramp, T0, temps } from './rule-test-kit.ts';
import { applyBatch, emptyVanRules, tickVan, type VanRuleState } from './van-rules.ts';

/**
 * Issue 13: a van whose clock is off still raises its alerts. Each reading arrives live, in
 * its own message, at SERVER time = device time − skew, with the engine's tick between them;
 * 40 min at 9 °C in the chilled compartment (limit 7 °C, excursion delay 15 min).
 */
function liveRun(skewMs: number): RuleEvent[] {
  const ctx = context();
  let state: VanRuleState = { ...emptyVanRules('VAN-01'), online: true };
  const events: RuleEvent[] = [];
  for (const reading of numbered(temps(ramp(0, 40, (m) => (m < 2 ? 4 : 9))))) {
    const arrivedAt = reading.ts - skewMs;
    const batch = applyBatch(state, [{ ...reading }], ctx, arrivedAt);
    const tick = tickVan(batch.state, arrivedAt + 1_000, DEFAULT_RULE_SETTINGS);
    state = tick.state;
    events.push(...batch.events, ...tick.events);
  }
  return events;
}

describe('the rules on a van whose clock is wrong (issue 13)', () => {
  it.each([
    ['10 min fast', 10 * MIN],
    ['30 s fast', 0.5 * MIN],
    ['7 min fast', 7 * MIN],
    ['3 h slow', -3 * 60 * MIN],
  ])('%s: 40 min of warm readings raise one excursion, at the van’s own time', (_what, skew) => {
    const events = liveRun(skew);
    const excursions = raises(events, 'excursion');
    expect(excursions).toHaveLength(1);
    // Dated by the van: began at its first warm reading, detected 15 min of its time later.
    expect(excursions[0]).toMatchObject({ startedAt: T0 + 2 * MIN, detectedAt: T0 + 17 * MIN });
    expect(raises(events, 'recorder-silent')).toHaveLength(0);
  });
});
