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
