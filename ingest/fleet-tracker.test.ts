import { describe, expect, it } from 'vitest';
import { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';
import { createFleetTracker } from './fleet-tracker.ts';

const ts = Date.UTC(2026, 10, 26, 20, 0, 0);

describe('fleet tracker', () => {
  it('turns stored readings and status into van-state events, and stops listening on stop', () => {
    const bus = new EventBus<GivreEvents>();
    const tracker = createFleetTracker(bus);
    const states: string[] = [];
    bus.on('van-state', (s) => states.push(`${s.van}:${s.online}:${s.compartments.chilled?.celsius ?? '-'}`));
    tracker.start();
    bus.emit('van-status', { v: 1, van: 'VAN-02', state: 'online', ts });
    bus.emit('readings-stored', {
      van: 'VAN-02',
      readings: [{ seq: 1, ts, kind: 'temperature', compartment: 'chilled', sensor: 'T1', celsius: 4.5 }],
    });
    bus.emit('van-status', { v: 1, van: 'VAN-01', state: 'offline' });
    expect(states).toEqual(['VAN-02:true:-', 'VAN-02:true:4.5', 'VAN-01:false:-']);
    expect(tracker.list().map((s) => s.van)).toEqual(['VAN-01', 'VAN-02']);
    tracker.stop();
    bus.emit('van-status', { v: 1, van: 'VAN-03', state: 'online' });
    expect(tracker.get('VAN-03')).toBeUndefined();
  });
});

describe('fleet tracker: limits in force (issue 9)', () => {
  const reading = (celsius: number) => ({
    seq: 1,
    ts,
    kind: 'temperature' as const,
    compartment: 'chilled',
    sensor: 'T1',
    celsius,
  });
  const minced = {
    maxCelsius: 2,
    toleranceCelsius: null,
    profile: 'minced-meat',
    source: 'loads' as const,
    loads: ['LD-A'],
  };
  const chilled = {
    maxCelsius: 7,
    toleranceCelsius: null,
    profile: 'chilled',
    source: 'default' as const,
    loads: [],
  };

  it('gives each compartment the limit its alerts follow, and announces a change of limit without new readings', () => {
    const bus = new EventBus<GivreEvents>();
    let onBoard = false;
    const tracker = createFleetTracker(bus, { limitOf: () => (onBoard ? minced : chilled) });
    const limits: Array<number | null | undefined> = [];
    bus.on('van-state', (s) => limits.push(s.compartments.chilled?.limit?.maxCelsius));
    tracker.start();
    bus.emit('readings-stored', { van: 'VAN-01', readings: [reading(3)] });
    tracker.refresh('VAN-01'); // nothing changed: nothing announced
    onBoard = true; // minced meat picked up
    tracker.refresh('VAN-01');
    tracker.refresh('VAN-09'); // unknown van: nothing to say
    expect(limits).toEqual([7, 2]);
    expect(tracker.get('VAN-01')?.compartments.chilled?.limit).toEqual(minced);
    tracker.stop();
  });

  it('starts again from the states the store kept, with today’s limits', () => {
    const bus = new EventBus<GivreEvents>();
    const kept = createFleetTracker(bus, { limitOf: () => chilled });
    kept.start();
    bus.emit('readings-stored', { van: 'VAN-04', readings: [reading(3)] });
    kept.stop();
    // Restarted with another default for the compartment (the configuration changed).
    const tracker = createFleetTracker(bus, { limitOf: () => minced, initial: kept.list() });
    expect(tracker.get('VAN-04')?.compartments.chilled?.celsius).toBe(3);
    tracker.start();
    expect(tracker.get('VAN-04')?.compartments.chilled?.limit).toEqual(minced);
    tracker.stop();
  });
});

describe('fleet tracker: the van clock (issue 13)', () => {
  it('measures a live van fast by 10 min, and not a backlog that arrives after', () => {
    const bus = new EventBus<GivreEvents>();
    const tracker = createFleetTracker(bus, { clockToleranceMs: 5 * 60_000 });
    tracker.start();
    bus.emit('van-status', { v: 1, van: 'VAN-01', state: 'online', ts });
    const temp = (seq: number, at: number) => ({
      seq,
      ts: at,
      kind: 'temperature' as const,
      compartment: 'chilled',
      sensor: 'T1',
      celsius: 3,
    });
    for (let i = 1; i <= 3; i++)
      bus.emit('readings-stored', {
        van: 'VAN-01',
        readings: [temp(i, ts + 600_000 + i)],
        arrivedAt: ts + i,
      });
    expect(tracker.get('VAN-01')!.clock).toMatchObject({
      offsetMs: 600_000,
      flagged: true,
      futureReadings: 3,
    });
    // A late hole filled: older seq, older time; it is no sample of the clock.
    bus.emit('readings-stored', { van: 'VAN-01', readings: [temp(0, ts - 3_600_000)], arrivedAt: ts + 10 });
    expect(tracker.get('VAN-01')!.clock!.samplesMs).toHaveLength(3);
  });

  it('leaves a van unmeasured without a tolerance or an arrival time', () => {
    const bus = new EventBus<GivreEvents>();
    const tracker = createFleetTracker(bus);
    tracker.start();
    bus.emit('van-status', { v: 1, van: 'VAN-01', state: 'online', ts });
    bus.emit('readings-stored', {
      van: 'VAN-01',
      readings: [{ seq: 1, ts, kind: 'battery', percent: 80 }],
      arrivedAt: ts - 3_600_000,
    });
    expect(tracker.get('VAN-01')!.clock).toBeUndefined();
  });
});
