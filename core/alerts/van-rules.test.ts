import { describe, expect, it } from 'vitest';
import type { Reading } from '../readings.ts';
import { DEFAULT_RULE_SETTINGS } from '../rule-settings.ts';
import { clears, context, MIN, numbered, raises, ramp, run, T0, temps } from './rule-test-kit.ts';
import { applyBatch, applyStatus, emptyVanRules, tickVan } from './van-rules.ts';

const door = (m: number, open: boolean, seq: number): Reading => ({
  kind: 'door',
  seq,
  ts: T0 + m * MIN,
  compartment: 'chilled',
  open,
});

describe('late and replayed batches', () => {
  it('a batch that arrives late, after a gap, raises its alert with the device start time', () => {
    // The van was out of network from minute 10: its backlog arrives in one batch afterwards.
    const before = temps(ramp(0, 10, () => 3));
    const backlog = temps(ramp(10.5, 60, (m) => (m >= 20 ? 9 : 3)));
    const { events } = run([before, backlog]);
    expect(raises(events, 'excursion')).toEqual([
      expect.objectContaining({ startedAt: T0 + 20 * MIN, detectedAt: T0 + 35 * MIN }),
    ]);
  });

  it('within a batch, readings are judged in device-time order whatever their order in the message', () => {
    const shuffled = temps(ramp(0, 60, (m) => (m >= 20 ? 9 : 3))).reverse();
    const { events } = run([shuffled]);
    expect(raises(events, 'excursion')).toEqual([expect.objectContaining({ startedAt: T0 + 20 * MIN })]);
  });

  it('an old segment delivered after newer readings raises its own episode, with its own times', () => {
    const newer = temps(ramp(60, 70, () => 3));
    const older = temps(ramp(0, 50, (m) => (m >= 10 && m < 40 ? 9 : 3)));
    const { events } = run([newer, older]);
    expect(raises(events, 'excursion')).toEqual([
      expect.objectContaining({ startedAt: T0 + 10 * MIN, detectedAt: T0 + 25 * MIN }),
    ]);
    expect(clears(events, 'excursion')).toEqual([expect.objectContaining({ clearedAt: T0 + 44.5 * MIN })]);
  });

  it('a replayed batch (same seqs) is not judged twice', () => {
    const batch = temps(ramp(0, 60, (m) => (m >= 20 ? 9 : 3)));
    const once = run([batch]).events;
    const thrice = run([batch, batch, batch]).events;
    expect(raises(once).map((e) => e.kind)).toEqual(['excursion', 'cumulative']);
    expect(thrice).toEqual(once);
  });

  it('a reading a message carries twice, or in a batch split across messages, is judged once', () => {
    const batch = temps(ramp(0, 60, (m) => (m >= 20 ? 9 : 3)));
    const once = run([batch]);
    const doubled = batch.flatMap((r, i) => (i % 7 === 0 ? [r, r] : [r]));
    expect(run([doubled])).toEqual(once);
    const halves = [batch.slice(0, 70), batch.slice(60)];
    expect(run(halves).events).toEqual(once.events);
  });
});

describe('door, silence, battery, offline', () => {
  it('a door open longer than 10 min alerts, closing it clears', () => {
    const { events } = run([
      [door(0, false, 9001), door(5, true, 9002), door(16, true, 9003), door(20, false, 9004)],
    ]);
    expect(raises(events, 'door-open')).toEqual([
      expect.objectContaining({ startedAt: T0 + 5 * MIN, detectedAt: T0 + 16 * MIN }),
    ]);
    expect(clears(events, 'door-open')).toEqual([expect.objectContaining({ clearedAt: T0 + 20 * MIN })]);
  });

  it('a temperature sensor silent for more than 5 min while the van records is recorder-silent', () => {
    const chilled = temps([
      [0, 3],
      [0.5, 3],
      [12, 3],
    ]);
    const frozen = temps(
      ramp(0, 12, () => -20),
      'frozen',
    );
    const { events } = run([[...chilled.slice(0, 2), ...frozen], chilled.slice(2)]);
    expect(raises(events, 'recorder-silent')).toEqual([
      expect.objectContaining({
        compartment: 'chilled',
        startedAt: T0 + 0.5 * MIN,
        detectedAt: T0 + 6 * MIN,
      }),
    ]);
    expect(clears(events, 'recorder-silent')).toEqual([
      expect.objectContaining({ clearedAt: T0 + 12 * MIN }),
    ]);
  });

  it('low battery raises below 20 % and clears from 25 %', () => {
    const battery = (m: number, percent: number, seq: number): Reading => ({
      kind: 'battery',
      seq,
      ts: T0 + m * MIN,
      percent,
    });
    const { events } = run([
      [battery(0, 30, 8001), battery(1, 19, 8002), battery(2, 21, 8003), battery(3, 26, 8004)],
    ]);
    expect(raises(events, 'low-battery')).toHaveLength(1);
    expect(clears(events, 'low-battery')).toEqual([expect.objectContaining({ clearedAt: T0 + 3 * MIN })]);
  });

  it('the last will opens van-offline since the last reading; online clears it and starts a new trip', () => {
    const { state } = run([temps([[0, 3]])]);
    const off = applyStatus(state, { v: 1, van: 'VAN-01', state: 'offline', ts: T0 - 60 * MIN });
    expect(off.events).toEqual([
      expect.objectContaining({ type: 'raise', kind: 'van-offline', startedAt: T0 }),
    ]);
    const on = applyStatus(off.state, { v: 1, van: 'VAN-01', state: 'online', ts: T0 + 30 * MIN });
    expect(on.events).toEqual([
      expect.objectContaining({ type: 'clear', kind: 'van-offline', clearedAt: T0 + 30 * MIN }),
    ]);
    expect(on.state.trip).toBe(off.state.trip + 1);
  });

  it('an online van that sends nothing for longer than allowed (server time, by tick) is recorder-silent', () => {
    const arrived = applyBatch(emptyVanRules('VAN-01'), temps([[0, 3]]), context(), 1_000_000);
    const quiet = tickVan(arrived.state, 1_000_000 + 4 * MIN, DEFAULT_RULE_SETTINGS);
    expect(quiet.events).toEqual([]);
    const silent = tickVan(arrived.state, 1_000_000 + 6 * MIN, DEFAULT_RULE_SETTINGS);
    expect(silent.events).toEqual([
      expect.objectContaining({
        kind: 'recorder-silent',
        compartment: null,
        startedAt: T0,
        detectedAt: T0 + 6 * MIN,
      }),
    ]);
    const back = applyBatch(silent.state, temps([[7, 3]]), context(), 1_000_000 + 7 * MIN);
    expect(clears(back.events, 'recorder-silent')).toEqual([
      expect.objectContaining({ clearedAt: T0 + 7 * MIN }),
    ]);
  });
});

describe('the state a batch is judged from', () => {
  it('is never changed: judging the same batch from it again gives the same episodes', () => {
    // The rules step a copy in place (issue 14); a state kept by the engine, or judged again
    // after a failed group, must not see a later batch's changes.
    const warm = temps(ramp(0, 20, (m) => (m >= 5 ? 9 : 3)));
    const { state } = run([warm]);
    expect(state.compartments.chilled?.held.excursion).toBeDefined();
    const next = [
      ...temps(ramp(20.5, 60, (m) => (m < 40 ? 9 : 2))),
      ...temps(
        ramp(20.5, 60, () => 9),
        'chilled',
        'T2',
      ),
      door(21, true, 900_001),
    ];
    const numberedNext = numbered(next, state.judged[state.judged.length - 1]![1] + 1);
    const snapshot = JSON.stringify(state);
    const first = applyBatch(state, numberedNext, context(), 5_000);
    expect(JSON.stringify(state)).toBe(snapshot);
    const again = applyBatch(state, numberedNext, context(), 5_000);
    expect(again.events).toEqual(first.events);
    expect(first.events.map((e) => `${e.type} ${e.kind}`)).toEqual(['raise door-open', 'raise cumulative']);
    // The second probe joined the open excursion and the first, cooled, left it: in the new state only.
    expect(first.state.compartments.chilled?.held.excursion?.sensors).toEqual(['T2']);
    expect(state.compartments.chilled?.held.excursion?.sensors).toEqual(['T1']);
    expect(JSON.stringify(again.state)).toBe(JSON.stringify(first.state));
  });
});
