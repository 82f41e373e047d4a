import { describe, expect, it } from 'vitest';
import { EventBus } from './event-bus.ts';

describe('EventBus', () => {
  it('delivers typed payloads and forgets a listener once it is removed', () => {
    const bus = new EventBus<{ tick: number }>();
    const seen: number[] = [];
    const off = bus.on('tick', (n) => seen.push(n));
    bus.emit('tick', 1);
    off();
    bus.emit('tick', 2);
    expect(seen).toEqual([1]);
    expect(bus.listenerCount('tick')).toBe(0);
  });
});
