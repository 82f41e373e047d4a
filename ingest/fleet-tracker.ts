import { applyReadings, applyStatus, emptyVanState, type VanState } from '../core/van-state.ts';
import type { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';

export interface FleetTracker {
  list(): VanState[];
  get(van: string): VanState | undefined;
  start(): void;
  stop(): void;
}

/**
 * Keeps the latest state of every van in memory from the bus (stored readings, retained
 * status) and announces each change as `van-state` for the live dashboard.
 */
export function createFleetTracker(bus: EventBus<GivreEvents>): FleetTracker {
  const vans = new Map<string, VanState>();
  let unsubscribe: Array<() => void> = [];

  const update = (van: string, change: (state: VanState) => VanState) => {
    const next = change(vans.get(van) ?? emptyVanState(van));
    vans.set(van, next);
    bus.emit('van-state', next);
  };

  return {
    list: () => [...vans.values()].sort((a, b) => a.van.localeCompare(b.van)),
    get: (van) => vans.get(van),
    start() {
      if (unsubscribe.length) return;
      unsubscribe = [
        bus.on('readings-stored', ({ van, readings }) => update(van, (s) => applyReadings(s, readings))),
        bus.on('van-status', (status) => update(status.van, (s) => applyStatus(s, status))),
      ];
    },
    stop() {
      unsubscribe.forEach((off) => off());
      unsubscribe = [];
    },
  };
}
