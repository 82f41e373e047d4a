import { describe, expect, it } from 'vitest';
import { raises, run } from '../alerts/rule-test-kit.ts';
import { tripPeriod } from '../alerts/trip-period.ts';
import { DEFAULT_PROFILES, findProfile } from '../product-profiles.ts';
import type { Reading } from '../readings.ts';
import { DEFAULT_RULE_SETTINGS } from '../rule-settings.ts';
import { evaluateLoad } from './evaluate-load.ts';
import { recordCompleteness } from './record-completeness.ts';

/** Issue 10: the semantics the README's "Boundaries" table states, one record on each side. */
const T0 = Date.UTC(2026, 10, 26, 18, 0);
const S = 1_000;
const MIN = 60 * S;
const chilled = findProfile(DEFAULT_PROFILES, 'chilled')!; // 7 °C
const frozen = findProfile(DEFAULT_PROFILES, 'frozen')!; // −18 °C, −15 °C tolerated

/** Records of one sensor every `step` ms from `T0`, `°C = f(i)`; numbered from `seq0`. */
function series(
  n: number,
  f: (i: number) => number,
  o: { step?: number; sensor?: string; seq0?: number; from?: number } = {},
) {
  const step = o.step ?? 30 * S;
  return Array.from({ length: n }, (_, i): Reading => ({
    kind: 'temperature',
    seq: (o.seq0 ?? 1) + i,
    ts: (o.from ?? T0) + i * step,
    compartment: 'chilled',
    sensor: o.sensor ?? 'T1',
    celsius: f(i),
  }));
}

const load = (toMs: number) => ({
  id: 'LD-1',
  van: 'VAN-01',
  compartment: 'chilled',
  pickedUpAt: T0,
  deliveredAt: T0 + toMs,
});
const evaluate = (readings: Reading[], toMs = 60 * MIN, profile = chilled) =>
  evaluateLoad(readings, load(toMs), profile, DEFAULT_RULE_SETTINGS, [], { nextSeqReceived: true });
/** The live alert rules over the same records (trip period: one cumulative period, like a load). */
const liveKinds = (readings: Reading[], profile = chilled) =>
  raises(
    run([readings], {
      settings: DEFAULT_RULE_SETTINGS,
      profileFor: () => profile,
      periodOf: (_v, _c, ts, trip) => tripPeriod(trip, ts, 12),
    }).events,
  )
    .map((e) => e.kind)
    .filter((k) => k !== 'recorder-silent')
    .sort();

describe('boundaries (item 5): each rule at its boundary and one record on each side, 30 s records', () => {
  // n records above, then cool (3 °C) for the rest of the hour.
  const spell = (n: number, celsius: number) => series(121, (i) => (i < n ? celsius : 3));
  const cases: Array<{ name: string; readings: Reading[]; profile?: typeof chilled; kinds: string[] }> = [
    {
      name: 'exactly at the limit (7.0 °C) for an hour is not above it',
      readings: series(121, () => 7),
      kinds: [],
    },
    { name: '7.1 °C for 30 records (15 min): not longer than 15 min', readings: spell(30, 7.1), kinds: [] },
    {
      name: '7.1 °C for 31 records (15 min 30 s): an excursion',
      readings: spell(31, 7.1),
      kinds: ['excursion'],
    },
    { name: '10.1 °C for 9 records (4 min 30 s): not severe yet', readings: spell(9, 10.1), kinds: [] },
    { name: '10.1 °C for 10 records (5 min): severe', readings: spell(10, 10.1), kinds: ['severe'] },
    {
      name: '10.0 °C (limit + 3, not above it) for 40 records: an excursion, not severe',
      readings: spell(40, 10),
      kinds: ['excursion'],
    },
    {
      name: 'frozen at −15.0 °C (the tolerance, not above it): nothing',
      readings: series(121, (i) => (i === 60 ? -15 : -20)),
      profile: frozen,
      kinds: [],
    },
    {
      name: 'frozen, one record at −14.9 °C: severe at once',
      readings: series(121, (i) => (i === 60 ? -14.9 : -20)),
      profile: frozen,
      kinds: ['severe'],
    },
  ];
  it.each(cases)('$name', ({ readings, profile, kinds }) => {
    const report = evaluate(readings, 60 * MIN, profile ?? chilled);
    expect([...new Set(report.excursions.map((x) => x.kind))].sort()).toEqual(kinds);
    // The alert an on-duty driver gets is the same breach.
    expect(liveKinds(readings, profile ?? chilled)).toEqual(kinds);
  });

  it.each([
    { spells: 60, breach: false, above: 30 * MIN },
    { spells: 61, breach: true, above: 30 * MIN + 30 * S },
  ])(
    'cumulative: $spells records above in 10-record spells → time above $above ms, breach $breach',
    ({ spells, breach, above }) => {
      // Spells of 10 records (5 min, under every delay) at 7.5 °C, 10 cool records between them.
      const readings: Reading[] = [];
      let warm = 0;
      for (let i = 0; readings.length < 240; i++) {
        const hot = Math.floor(i / 10) % 2 === 0 && warm < spells;
        if (hot) warm++;
        readings.push(...series(1, () => (hot ? 7.5 : 3), { seq0: i + 1, from: T0 + i * 30 * S }));
      }
      const report = evaluate(readings, 120 * MIN);
      expect(report.timeAboveLimitMs).toBe(above);
      expect(report.excursions.map((x) => x.kind)).toEqual(breach ? ['cumulative'] : []);
      expect(liveKinds(readings)).toEqual(breach ? ['cumulative'] : []);
    },
  );

  it.each([
    { cool: 9, cleared: false },
    { cool: 10, cleared: true },
  ])('clearing: $cool cool records (≤ 6.5 °C) after a breach → cleared: $cleared', ({ cool, cleared }) => {
    const readings = series(40 + cool + 1, (i) => (i < 40 ? 9 : i < 40 + cool ? 6.5 : 6.9));
    const [x] = evaluate(readings, 60 * MIN).excursions;
    expect(x!.openAtDelivery).toBe(!cleared);
  });
});

describe('what a record vouches for (item 3)', () => {
  it.each([
    { name: 'the next record 45 s later (1.5 intervals): on time, no gap', stepMs: 45 * S, gap: 0 },
    {
      name: 'the next record 45.001 s later: one interval vouched, the rest a gap',
      stepMs: 45 * S + 1,
      gap: 15 * S + 1,
    },
    { name: 'one record lost (60 s): 30 s of gap', stepMs: 60 * S, gap: 30 * S },
  ])('$name', ({ stepMs, gap }) => {
    const before = series(60, () => 4);
    const after = series(60, () => 4, { seq0: 61, from: before[59]!.ts + stepMs });
    const report = evaluate([...before, ...after], after[59]!.ts - T0);
    expect(report.gaps.reduce((sum, g) => sum + g.durationMs, 0)).toBe(gap);
    expect(report.verdict).toBe(gap > 0 ? 'incomplete' : 'compliant');
  });

  it('a record above the limit then 10 minutes of silence counts 30 s above, not 5 min, and the silence is a gap', () => {
    const readings = [
      ...series(40, (i) => (i === 39 ? 9 : 4)),
      ...series(60, () => 4, { seq0: 41, from: T0 + 39 * 30 * S + 10 * MIN }),
    ];
    const report = evaluate(readings, 49 * MIN);
    expect(report.timeAboveLimitMs).toBe(30 * S);
    expect(report.gaps).toEqual([
      {
        sensor: 'T1',
        from: T0 + 39.5 * 30 * S + 15 * S,
        to: T0 + 39 * 30 * S + 10 * MIN,
        durationMs: 9.5 * MIN,
      },
    ]);
    expect(report.verdict).toBe('incomplete');
  });

  it('warm on both sides of a silence: no excursion is proven across it, only incomplete data', () => {
    // 11 min above, 10 min of silence, 11 min above: each spell under 15 min on its own.
    const readings = [
      ...series(22, () => 9),
      ...series(22, () => 9, { seq0: 23, from: T0 + 21 * 30 * S + 10 * MIN }),
      ...series(40, () => 4, { seq0: 45, from: T0 + 21 * 30 * S + 10 * MIN + 22 * 30 * S }),
    ];
    const report = evaluate(readings, 50 * MIN);
    expect(report.excursions.filter((x) => x.kind === 'excursion')).toEqual([]);
    expect(report.timeAboveLimitMs).toBe(22 * MIN);
    expect(report.verdict).toBe('incomplete');
  });
});

describe('several sensors (item 1): each judged on its own, the worst decides', () => {
  it('one sensor at 9 °C for an hour beside one at 4 °C: non-compliant, decided by the warm one', () => {
    const readings = [
      ...series(121, () => 4, { sensor: 'FRONT' }),
      ...series(121, () => 9, { sensor: 'REAR', seq0: 500 }),
    ];
    const report = evaluate(readings);
    expect(report).toMatchObject({
      verdict: 'non-compliant',
      decidingSensor: 'REAR',
      timeAboveLimitMs: 60 * MIN,
    });
    expect(report.temperature.max).toBe(9);
    expect(report.sensors.map((s) => [s.sensor, s.verdict, s.timeAboveLimitMs])).toEqual([
      ['FRONT', 'compliant', 0],
      ['REAR', 'non-compliant', 60 * MIN],
    ]);
    expect(report.excursions.every((x) => x.sensor === 'REAR')).toBe(true);
    expect(report.excursions.map((x) => x.kind).sort()).toEqual(['cumulative', 'excursion']);
  });

  it('one sensor with a gap, the other complete: incomplete data, the gap named by its sensor', () => {
    const rear = [
      ...series(40, () => 4, { sensor: 'REAR', seq0: 500 }),
      ...series(40, () => 4, { sensor: 'REAR', seq0: 540, from: T0 + 80 * 30 * S }),
    ];
    const report = evaluate([...series(161, () => 4, { sensor: 'FRONT' }), ...rear], 60 * MIN);
    expect(report).toMatchObject({ verdict: 'incomplete', decidingSensor: 'REAR' });
    expect(report.gaps.map((g) => g.sensor)).toEqual(['REAR']);
  });

  it('a merged average would hide it; each sensor keeps its own interval and statistics', () => {
    const readings = [
      ...series(121, () => 4, { sensor: 'FRONT' }),
      ...series(61, () => 9, { sensor: 'REAR', seq0: 500, step: 60 * S }),
    ];
    const report = evaluate(readings);
    expect(report.sensors.map((s) => s.recordingInterval.observedMs)).toEqual([30 * S, 60 * S]);
    expect(report.sensors.map((s) => s.temperature.mean)).toEqual([4, 9]);
  });
});

describe('records complete by seq (item 2)', () => {
  it.each([
    { seqs: [5, 6, 7, 8], next: true, complete: true, missing: [] },
    { seqs: [5, 6, 7, 8], next: false, complete: false, missing: [] },
    {
      seqs: [5, 6, 8, 9, 12],
      next: true,
      complete: false,
      missing: [
        { first: 7, last: 7 },
        { first: 10, last: 11 },
      ],
    },
    { seqs: [8, 5, 7, 6], next: true, complete: true, missing: [] },
    { seqs: [], next: true, complete: false, missing: [] },
  ])('$seqs, next received $next → complete $complete', ({ seqs, next, complete, missing }) => {
    expect(recordCompleteness(seqs, next)).toEqual({
      complete,
      tailReceived: seqs.length > 0 && next,
      missing,
    });
  });

  it('a record of another compartment fills the van numbering too', () => {
    const temps = series(10, () => 4);
    const door: Reading = { kind: 'door', seq: 11, ts: temps[9]!.ts + 1, compartment: 'frozen', open: false };
    const after = series(5, () => 4, { seq0: 12, from: temps[9]!.ts + 30 * S });
    expect(evaluate([...temps, door, ...after], 5 * MIN).records).toEqual({
      complete: true,
      tailReceived: true,
      missing: [],
    });
    expect(evaluate([...temps, ...after], 5 * MIN).records.missing).toEqual([{ first: 11, last: 11 }]);
  });
});

describe('arrival order (item 4)', () => {
  it('the same records in any order give the same report', () => {
    const readings = [
      ...series(121, (i) => (i > 40 && i < 90 ? 9 : 4), { sensor: 'A' }),
      ...series(121, () => 4, { sensor: 'B', seq0: 300 }),
    ];
    const shuffled = [...readings].sort((a, b) => ((a.seq * 7919) % 101) - ((b.seq * 7919) % 101));
    expect(evaluate(shuffled)).toEqual(evaluate(readings));
  });
});

describe('boundaries of the time rules (item 5): door open, recorder silent', () => {
  const doorAt = (ms: number, open: boolean, seq: number): Reading => ({
    kind: 'door',
    seq,
    ts: T0 + ms,
    compartment: 'chilled',
    open,
  });
  it.each([
    { afterMs: 10 * MIN, raised: false },
    { afterMs: 10 * MIN + 1, raised: true },
  ])('a door still open $afterMs ms after it opened → raised: $raised', ({ afterMs, raised }) => {
    const { events } = run([[doorAt(0, true, 1), doorAt(afterMs, true, 2)]]);
    expect(raises(events, 'door-open')).toHaveLength(raised ? 1 : 0);
  });

  it.each([
    { afterMs: 5 * MIN, raised: false },
    { afterMs: 5 * MIN + 1, raised: true },
  ])(
    'a sensor whose next record comes $afterMs ms later → recorder silent: $raised',
    ({ afterMs, raised }) => {
      const { events } = run([
        [...series(1, () => 4), ...series(1, () => 4, { seq0: 2, from: T0 + afterMs })],
      ]);
      expect(raises(events, 'recorder-silent')).toHaveLength(raised ? 1 : 0);
    },
  );
});
