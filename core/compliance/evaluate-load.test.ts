import { describe, expect, it } from 'vitest';
import { stepTemperature, emptyCompartmentRules } from '../alerts/compartment-rules.ts';
import type { RuleEvent } from '../alerts/rule-event.ts';
import { loadsLimitSource } from '../loads/loads-limit-source.ts';
import { DEFAULT_PROFILES, findProfile } from '../product-profiles.ts';
import type { Reading } from '../readings.ts';
import { DEFAULT_RULE_SETTINGS } from '../rule-settings.ts';
import { evaluateLoad } from './evaluate-load.ts';

const T0 = Date.UTC(2026, 10, 26, 18, 0);
const MIN = 60_000;
const at = (minutes: number) => T0 + Math.round(minutes * MIN);
const profile = (id: string) => findProfile(DEFAULT_PROFILES, id)!;

/** A trace as [minute, °C] pairs for the chilled compartment of VAN-01. */
function trace(points: Array<[number, number]>): Reading[] {
  return points.map(([m, celsius], i) => ({
    seq: i + 1,
    ts: at(m),
    kind: 'temperature',
    compartment: 'chilled',
    sensor: 'VAN-01-T1',
    celsius,
  }));
}
/** One record a minute from `from` to `to` inclusive, at `celsius(minute)`. */
const everyMinute = (from: number, to: number, celsius: (m: number) => number) =>
  Array.from({ length: to - from + 1 }, (_, i): [number, number] => [from + i, celsius(from + i)]);
const load = (toMinute = 60) => ({
  id: 'LD-1',
  van: 'VAN-01',
  compartment: 'chilled',
  pickedUpAt: at(0),
  deliveredAt: at(toMinute),
});
const evaluate = (points: Array<[number, number]>, p = 'fresh-meat', toMinute = 60) =>
  evaluateLoad(trace(points), load(toMinute), profile(p), DEFAULT_RULE_SETTINGS);

// Default rules: excursion when continuously above for longer than 15 min, cleared after at
// least 5 min at or below limit − 0.5 °C; cumulative budget: longer than 30 min; chilled
// severe at limit + 3 °C for at least 5 min; frozen severe above −15 °C at once. Every
// duration counts each record's interval, its own included (README, "Boundaries").
describe('compliance evaluation on hand-computed traces (fresh meat, limit 7 °C)', () => {
  it('4 °C throughout, one record a minute: compliant, nothing above', () => {
    const r = evaluate(everyMinute(0, 60, () => 4));
    expect(r).toMatchObject({ verdict: 'compliant', timeAboveLimitMs: 0, excursions: [], gaps: [] });
    expect(r.temperature).toMatchObject({ count: 61, min: 4, max: 4, mean: 4 });
    expect(r.recordingInterval).toEqual({ observedMs: MIN, maxAllowedMs: 5 * MIN });
  });

  it('a door spike at 8 °C for records 10–19 (9 min continuously above < 15): compliant, 10 min above', () => {
    const r = evaluate(everyMinute(0, 60, (m) => (m >= 10 && m <= 19 ? 8 : 4)));
    expect(r.verdict).toBe('compliant');
    // Left-point rule: each interval after a record above counts — 10→11 … 19→20.
    expect(r.timeAboveLimitMs).toBe(10 * MIN);
  });

  it('9 °C for records 10–30: one excursion, detected at 25 (16 records > 15 min), cleared at 35 (5 records cool from 31 = 5 min)', () => {
    const r = evaluate(everyMinute(0, 60, (m) => (m >= 10 && m <= 30 ? 9 : 4)));
    expect(r.verdict).toBe('non-compliant');
    expect(r.excursions).toEqual([
      {
        kind: 'excursion',
        sensor: 'VAN-01-T1',
        start: at(10),
        detectedAt: at(25),
        end: at(35),
        openAtDelivery: false,
        peak: 9,
      },
    ]);
    expect(r.timeAboveLimitMs).toBe(21 * MIN);
  });

  it('three 11-minute spells at 8 °C: no excursion, but the 30 min budget is exceeded at minute 48 (11 + 11 + 9 records)', () => {
    const r = evaluate(everyMinute(0, 60, (m) => (m % 20 <= 10 && m < 51 ? 8 : 4)));
    expect(r.verdict).toBe('non-compliant');
    expect(r.excursions).toEqual([
      {
        kind: 'cumulative',
        sensor: 'VAN-01-T1',
        start: at(0),
        detectedAt: at(48),
        end: at(60),
        openAtDelivery: true,
        peak: 8,
      },
    ]);
    expect(r.timeAboveLimitMs).toBe(33 * MIN);
  });

  it('records every 5 min exactly: no gap (the boundary is on time)', () => {
    const r = evaluate(Array.from({ length: 13 }, (_, i): [number, number] => [i * 5, 4]));
    expect(r).toMatchObject({ verdict: 'compliant', gaps: [] });
  });

  it('records every 5 min with one 5 min 1 s after the previous: the recorder records every 5 min, on time', () => {
    const points: Array<[number, number]> = [
      [0, 4],
      [5, 4],
      [10, 4],
      [15 + 1 / 60, 4],
    ];
    for (let m = 20; m <= 60; m += 5) points.push([m, 4]);
    expect(evaluate(points)).toMatchObject({ verdict: 'compliant', gaps: [] });
  });

  it('the last record 6 min before delivery: it vouches for one minute, the gap runs to the delivery', () => {
    const r = evaluate(everyMinute(0, 54, () => 4));
    expect(r.verdict).toBe('incomplete');
    expect(r.gaps).toEqual([{ sensor: 'VAN-01-T1', from: at(55), to: at(60), durationMs: 5 * MIN }]);
  });

  it('a breach and a gap: non-compliant (what was seen is enough)', () => {
    const r = evaluate([...everyMinute(0, 30, () => 9), [45, 4], [50, 4], [55, 4], [60, 4]]);
    expect(r.verdict).toBe('non-compliant');
    expect(r.gaps[0]).toEqual({ sensor: 'VAN-01-T1', from: at(31), to: at(45), durationMs: 14 * MIN });
  });

  it('counts door openings and their time, one still open at delivery', () => {
    const doors: Reading[] = [
      [5, true],
      [8, false],
      [20, true],
    ].map(([m, open], i) => ({
      seq: 100 + i,
      ts: at(m as number),
      kind: 'door',
      compartment: 'chilled',
      open: open as boolean,
    }));
    const r = evaluateLoad(
      [...trace(everyMinute(0, 60, () => 4)), ...doors],
      load(),
      profile('fresh-meat'),
      DEFAULT_RULE_SETTINGS,
    );
    expect(r.doors).toEqual({ count: 2, totalOpenMs: 3 * MIN + 40 * MIN });
  });
});

describe('quick-frozen food (limit −18 °C, tolerated −15 °C in transport)', () => {
  it('−16 °C for 10 min is a tolerated brief rise: compliant', () => {
    const r = evaluate(
      everyMinute(0, 60, (m) => (m >= 10 && m < 20 ? -16 : -20)),
      'frozen',
    );
    expect(r.verdict).toBe('compliant');
  });

  it('one record at −14 °C is severe at once', () => {
    const r = evaluate(
      everyMinute(0, 60, (m) => (m === 30 ? -14 : -20)),
      'frozen',
    );
    expect(r.verdict).toBe('non-compliant');
    expect(r.excursions).toEqual([
      {
        kind: 'severe',
        sensor: 'VAN-01-T1',
        start: at(30),
        detectedAt: at(30),
        end: at(35),
        openAtDelivery: false,
        peak: -14,
      },
    ]);
    expect(r.thresholds.severeCelsius).toBe(-15);
  });
});

describe('a mixed compartment: minced meat (2 °C) beside dairy (6 °C), 4 °C for 40 min', () => {
  const points = everyMinute(0, 60, (m) => (m >= 10 && m < 50 ? 4 : 1.5));
  const limits = loadsLimitSource(() => ['dairy', 'minced-meat'], DEFAULT_PROFILES, {
    profileFor: () => undefined,
  });

  it('alerts at the strictest limit on board (2 °C)', () => {
    const onBoard = limits.profileFor('VAN-01', 'chilled');
    expect(onBoard?.id).toBe('minced-meat');
    const state = emptyCompartmentRules('chilled');
    const events: RuleEvent[] = [];
    const ctx = { van: 'VAN-01', settings: DEFAULT_RULE_SETTINGS, profile: onBoard, period: 'p' };
    for (const r of trace(points)) stepTemperature(state, r as never, ctx, events);
    const raised = events.filter((e) => e.type === 'raise' && e.kind === 'excursion');
    expect(raised).toMatchObject([{ limit: 2, startedAt: at(10), detectedAt: at(25) }]);
  });

  it('judges each load at its own limit: the minced meat fails, the yoghurt passes', () => {
    expect(evaluate(points, 'minced-meat').verdict).toBe('non-compliant');
    expect(evaluate(points, 'dairy')).toMatchObject({ verdict: 'compliant', timeAboveLimitMs: 0 });
  });

  it('with nothing on board, the compartment falls back to its configured default', () => {
    const fallback = loadsLimitSource(() => [], DEFAULT_PROFILES, { profileFor: () => profile('chilled') });
    expect(fallback.profileFor('VAN-01', 'chilled')?.id).toBe('chilled');
  });
});
