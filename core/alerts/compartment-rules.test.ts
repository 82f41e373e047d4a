import { describe, expect, it } from 'vitest';
import { clears, context, MIN, raises, ramp, reefer, run, T0, temps } from './rule-test-kit.ts';

/** Issue 5, "Acceptance": table-driven cases for the excursion, severe and cumulative rules. */
describe('temperature rules (chilled, limit 7 °C, delay 15 min)', () => {
  const cases: Array<{ name: string; series: Array<[number, number]>; excursions: number; severe?: number }> =
    [
      { name: 'normal running at 3 °C raises nothing', series: ramp(0, 120, () => 3), excursions: 0 },
      {
        name: 'a door-opening spike (8 min at 9 °C while loading) raises nothing',
        series: ramp(0, 60, (m) => (m >= 20 && m < 28 ? 9 : 3)),
        excursions: 0,
      },
      {
        name: 'a sustained breach raises exactly one episode',
        series: ramp(0, 120, (m) => (m >= 20 ? 9 : 3)),
        excursions: 1,
      },
      {
        name: 'flapping around the limit after a breach keeps one episode',
        series: ramp(0, 180, (m) => (m < 20 ? 3 : m < 40 ? 8 : Math.round(m * 2) % 2 === 0 ? 7.2 : 6.8)),
        excursions: 1,
      },
      {
        name: 'two breaches separated by a real recovery are two episodes',
        series: ramp(0, 120, (m) => ((m >= 10 && m < 30) || (m >= 60 && m < 80) ? 9 : 3)),
        excursions: 2,
      },
      {
        name: 'chilled more than 3 °C above the limit for 5 min is severe',
        series: ramp(0, 40, (m) => (m >= 10 ? 11 : 3)),
        excursions: 1,
        severe: 1,
      },
      {
        name: 'chilled 4 °C above for only 4 min is not severe',
        series: ramp(0, 40, (m) => (m >= 10 && m < 14 ? 11 : 3)),
        excursions: 0,
        severe: 0,
      },
    ];
  it.each(cases)('$name', ({ series, excursions, severe }) => {
    const { events } = run([temps(series)]);
    expect(raises(events, 'excursion')).toHaveLength(excursions);
    if (severe !== undefined) expect(raises(events, 'severe')).toHaveLength(severe);
  });

  it('dates the excursion from the first reading above the limit, detected 15 min later', () => {
    const { events } = run([temps(ramp(0, 60, (m) => (m >= 20 ? 9 : 3)))]);
    const [raise] = raises(events, 'excursion');
    expect(raise).toMatchObject({
      startedAt: T0 + 20 * MIN,
      detectedAt: T0 + 35 * MIN,
      limit: 7,
      severity: 'critical',
    });
  });

  it('clears only after 5 min below limit − 0.5 °C (10 records 30 s apart, from minute 60)', () => {
    const series = ramp(0, 90, (m) => (m >= 10 && m < 40 ? 9 : m < 60 ? 6.8 : 5));
    const { events } = run([temps(series)]);
    expect(clears(events, 'excursion')).toEqual([
      expect.objectContaining({ clearedAt: T0 + 64.5 * MIN, peak: 9 }),
    ]);
  });

  it('frozen warmer than −15 °C is severe at once', () => {
    const { events } = run([
      temps(
        ramp(0, 10, (m) => (m >= 5 ? -14 : -20)),
        'frozen',
      ),
    ]);
    expect(raises(events, 'severe')).toEqual([
      expect.objectContaining({ compartment: 'frozen', startedAt: T0 + 5 * MIN, detectedAt: T0 + 5 * MIN }),
    ]);
  });
});

describe('defrost', () => {
  it('suppresses the excursion during a defrost, then the delay restarts when it ends', () => {
    const warm = temps(ramp(0, 80, (m) => (m >= 10 && m < 70 ? 8 : 3)));
    const cycle = reefer([
      [0, 'running'],
      [10, 'defrost'],
      [40, 'running'],
    ]);
    const { events } = run([[...warm, ...cycle]]);
    // 30 min above during defrost raise nothing; 15 min after it ended, still above: raised.
    expect(raises(events, 'excursion')).toEqual([
      expect.objectContaining({ startedAt: T0 + 10 * MIN, detectedAt: T0 + 55 * MIN }),
    ]);
  });

  it('stops suppressing when a defrost overruns its 45 min bound', () => {
    const warm = temps(ramp(0, 90, (m) => (m >= 10 ? 8 : 3)));
    const { events } = run([[...warm, ...reefer([[10, 'defrost']])]]);
    expect(raises(events, 'excursion')).toEqual([
      expect.objectContaining({ startedAt: T0 + 10 * MIN, detectedAt: T0 + 55 * MIN }),
    ]);
  });

  it('never suppresses the severe rule', () => {
    const warm = temps(ramp(0, 40, (m) => (m >= 10 ? 11 : 3)));
    const { events } = run([[...warm, ...reefer([[10, 'defrost']])]]);
    expect(raises(events, 'severe')).toHaveLength(1);
    expect(raises(events, 'excursion')).toHaveLength(0);
  });
});

describe('cumulative', () => {
  it('raises once when short breaches add up beyond 30 min in one trip', () => {
    // 10 min above every 30 min: never 15 min in a row, 30 min in total after the third.
    const series = ramp(0, 150, (m) => (m % 30 < 10 ? 8 : 3));
    const { events } = run([temps(series)]);
    expect(raises(events, 'excursion')).toHaveLength(0);
    expect(raises(events, 'cumulative')).toEqual([
      expect.objectContaining({ startedAt: T0, severity: 'warning' }),
    ]);
  });
});

describe('configurable thresholds', () => {
  it('follows a shorter excursion delay', () => {
    const { events } = run(
      [temps(ramp(0, 30, (m) => (m >= 10 ? 8 : 3)))],
      context({ excursionDelayMs: 2 * MIN }),
    );
    expect(raises(events, 'excursion')[0]).toMatchObject({ detectedAt: T0 + 12 * MIN });
  });
});
