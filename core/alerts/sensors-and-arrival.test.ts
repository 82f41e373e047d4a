import { describe, expect, it } from 'vitest';
import { batches, clears, context, MIN, numbered, raises, ramp, run, T0, temps } from './rule-test-kit.ts';
import type { Reading } from '../readings.ts';
import { applyBatch, emptyVanRules, releaseHeld } from './van-rules.ts';

/** Two probes of the chilled compartment (limit 7 °C), 30 s apart each, numbered as the van would. */
const twoSensors = (front: (m: number) => number, rear: (m: number) => number, to = 90) =>
  numbered([
    ...temps(ramp(0, to, front), 'chilled', 'FRONT'),
    ...temps(ramp(0, to, rear), 'chilled', 'REAR'),
  ]);

describe('a compartment with several sensors (issue 10, item 1): a breach on any sensor is a breach', () => {
  const warm = (m: number) => (m >= 10 && m < 60 ? 9 : 4);
  const cool = () => 4;
  const cases = [
    { name: 'front warm, rear cool', front: warm, rear: cool, excursions: 1 },
    { name: 'front cool, rear warm', front: cool, rear: warm, excursions: 1 },
    { name: 'both warm: one episode, not two', front: warm, rear: warm, excursions: 1 },
    { name: 'both cool', front: cool, rear: cool, excursions: 0 },
    {
      name: 'each warm for 10 min, one after the other (never 15 min on one sensor)',
      front: (m: number) => (m >= 10 && m < 20 ? 9 : 4),
      rear: (m: number) => (m >= 20 && m < 30 ? 9 : 4),
      excursions: 0,
    },
  ];
  it.each(cases)('$name → $excursions excursion episode(s)', ({ front, rear, excursions }) => {
    const { events } = run([twoSensors(front, rear)]);
    expect(raises(events, 'excursion')).toHaveLength(excursions);
    expect(clears(events, 'excursion')).toHaveLength(excursions);
  });

  it('one sensor at 9 °C beside one at 4 °C is a breach, not an average', () => {
    const { events } = run([
      twoSensors(
        () => 4,
        () => 9,
      ),
    ]);
    expect(raises(events, 'excursion')).toEqual([
      expect.objectContaining({ compartment: 'chilled', startedAt: T0, detectedAt: T0 + 15 * MIN, peak: 9 }),
    ]);
    expect(raises(events, 'severe')).toHaveLength(0);
  });

  it('the episode starts with the first sensor and clears with the last one', () => {
    const { events } = run([
      twoSensors(
        (m) => (m >= 10 && m < 40 ? 9 : 4),
        (m) => (m >= 20 && m < 60 ? 9.5 : 4),
      ),
    ]);
    expect(raises(events, 'excursion')).toEqual([
      expect.objectContaining({ startedAt: T0 + 10 * MIN, detectedAt: T0 + 25 * MIN }),
    ]);
    // The rear probe is cool from minute 60: 10 records 30 s apart make the 5 min hold at 64.5.
    expect(clears(events, 'excursion')).toEqual([
      expect.objectContaining({ startedAt: T0 + 10 * MIN, clearedAt: T0 + 64.5 * MIN, peak: 9.5 }),
    ]);
  });

  it('a probe that stops recording while the other goes on is a silent recorder', () => {
    const readings = numbered([
      ...temps(
        ramp(0, 30, () => 4),
        'chilled',
        'FRONT',
      ),
      ...temps([...ramp(0, 10, () => 4), ...ramp(20, 30, () => 4)], 'chilled', 'REAR'),
    ]);
    const { events } = run([readings]);
    expect(raises(events, 'recorder-silent')).toEqual([
      expect.objectContaining({ compartment: 'chilled', startedAt: T0 + 10 * MIN }),
    ]);
    expect(clears(events, 'recorder-silent')).toEqual([
      expect.objectContaining({ clearedAt: T0 + 20 * MIN }),
    ]);
  });
});

/**
 * A night with a breach and a cumulative spend: the events any order must reproduce. The
 * first 10 minutes come first (the van has been talking for a while): what follows may come
 * in any order.
 */
function night(): { prelude: Reading[]; rest: Reading[] } {
  const series = ramp(0, 120, (m) => (m >= 20 && m < 45 ? 9 : m % 15 < 5 ? 7.5 : 4));
  const all = numbered([
    ...temps(series, 'chilled', 'FRONT'),
    ...temps(
      ramp(0, 120, () => -20),
      'frozen',
      'F1',
    ),
  ]);
  const cut = all.findIndex((r) => r.ts >= T0 + 10 * MIN);
  return { prelude: all.slice(0, cut), rest: all.slice(cut) };
}

const permutations = (n: number): number[][] =>
  n === 1
    ? [[0]]
    : permutations(n - 1).flatMap((p) =>
        Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]),
      );

describe('arrival order does not change any alert (issue 10, item 4)', () => {
  const { prelude, rest } = night();
  const inOrder = batches(rest, 4);
  const expected = run([prelude, ...inOrder]).events;

  it('the night in order raises its excursion, cumulative and nothing silent', () => {
    expect(
      raises(expected)
        .map((e) => e.kind)
        .sort(),
    ).toEqual(['cumulative', 'excursion']);
  });

  it.each(permutations(4).map((p) => [p.join(' ')]))(
    'batches arriving in the order %s give the same events',
    (order) => {
      const shuffled = order.split(' ').map((i) => inOrder[Number(i)]!);
      const { events } = run([prelude, ...shuffled]);
      expect(events).toEqual(expected);
      expect(raises(events, 'recorder-silent')).toHaveLength(0);
    },
  );

  it('a backlog sent newest first, one batch per message, raises no silence and the same breach', () => {
    const many = batches(rest, 12);
    expect(run([prelude, ...[...many].reverse()]).events).toEqual(expected);
  });

  it('a real silence (the van numbered nothing in between) is still a silent recorder, in any order', () => {
    const readings = numbered(temps([...ramp(0, 10, () => 4), ...ramp(20, 30, () => 4)], 'chilled', 'FRONT'));
    const [before, a, b] = [readings.slice(0, 5), ...batches(readings.slice(5), 2)];
    for (const order of [
      [before!, a!, b!],
      [before!, b!, a!],
    ]) {
      const { events } = run(order);
      expect(raises(events, 'recorder-silent')).toEqual([
        expect.objectContaining({ startedAt: T0 + 10 * MIN, detectedAt: T0 + 20 * MIN }),
      ]);
    }
  });

  it('waits for missing records only for the reorder hold (server time), then judges without them', () => {
    const ctx = context();
    const { rest } = night();
    const upTo = (m: number) => rest.findIndex((r) => r.ts >= T0 + m * MIN);
    const [b0, b1, b2] = [rest.slice(0, upTo(15)), rest.slice(upTo(15), upTo(50)), rest.slice(upTo(50))];
    let state = applyBatch(emptyVanRules('VAN-01'), b0!, ctx, 0).state;
    const early = applyBatch(state, b2!, ctx, 1_000);
    expect(early.state.held).toHaveLength(b2!.length);
    expect(releaseHeld(early.state, ctx, 1_000 + ctx.settings.reorderHoldMs - 1).state.held).toHaveLength(
      b2!.length,
    );
    const released = releaseHeld(early.state, ctx, 1_000 + ctx.settings.reorderHoldMs);
    expect(released.state.held).toHaveLength(0);
    expect(released.state.deviceNow).toBe(b2![b2!.length - 1]!.ts);
    state = released.state;
    // The missing batch, when it comes, is judged as late: its breach still raises an episode.
    const late = applyBatch(state, b1!, ctx, 60_000);
    expect(late.late.map((l) => l.raise.kind)).toContain('excursion');
  });
});
