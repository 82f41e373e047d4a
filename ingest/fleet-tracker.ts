import { countFuture, liveSample, observeClock } from '../core/clock/clock-offset.ts';
import {
  applyReadings,
  applyStatus,
  emptyVanState,
  type LimitInForce,
  type VanState,
} from '../core/van-state.ts';
import type { Reading } from '../core/readings.ts';
import type { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';

export interface FleetTracker {
  list(): VanState[];
  get(van: string): VanState | undefined;
  /** Recomputes a van's limits in force (a load was picked up or delivered) and announces it. */
  refresh(van: string): void;
  start(): void;
  stop(): void;
}

/** Each compartment's limit in force, asked where the rules run (ingest/limit-in-force.ts). */
export type LimitOf = (van: string, compartment: string) => LimitInForce;

const sameLimit = (a: LimitInForce | null, b: LimitInForce) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Keeps the latest state of every van in memory from the bus (stored readings, retained
 * status), each compartment with the limit its alerts follow, and announces each change as
 * `van-state`. `initial` is what the state store kept (a restarted ingest starts from it).
 */
export function createFleetTracker(
  bus: EventBus<GivreEvents>,
  options: {
    limitOf?: LimitOf;
    initial?: readonly VanState[];
    /** GIVRE_CLOCK_TOLERANCE_S in ms; without it the van's clock is not measured. */
    clockToleranceMs?: number;
  } = {},
): FleetTracker {
  const vans = new Map<string, VanState>((options.initial ?? []).map((s) => [s.van, s]));
  let unsubscribe: Array<() => void> = [];

  /**
   * Sets the limits in force: of every compartment on `refresh` (the loads changed), else only
   * of those that have none yet — a limit changes with the loads, never with a reading, so
   * the per-message path asks nothing of it.
   */
  const withLimits = (state: VanState, all: boolean): VanState => {
    const limitOf = options.limitOf;
    if (!limitOf) return state;
    let compartments = state.compartments;
    for (const [id, c] of Object.entries(state.compartments)) {
      if (!all && c.limit !== null) continue;
      const limit = limitOf(state.van, id);
      if (sameLimit(c.limit, limit)) continue;
      if (compartments === state.compartments) compartments = { ...compartments };
      compartments[id] = { ...c, limit };
    }
    return compartments === state.compartments ? state : { ...state, compartments };
  };

  /** Measures the van's clock against the arrival time (before `applyReadings` moved `lastSeq`). */
  const withClock = (next: VanState, before: VanState, readings: readonly Reading[], arrivedAt?: number) => {
    const tolerance = options.clockToleranceMs;
    if (tolerance === undefined || arrivedAt === undefined) return next;
    const sample = liveSample(readings, arrivedAt, before);
    const clock = observeClock(
      before.clock,
      sample,
      countFuture(readings, arrivedAt, tolerance),
      arrivedAt,
      tolerance,
    );
    return clock === undefined ? next : { ...next, clock };
  };

  const update = (van: string, change: (state: VanState) => VanState) => {
    const next = withLimits(change(vans.get(van) ?? emptyVanState(van)), false);
    vans.set(van, next);
    bus.emit('van-state', next);
  };

  return {
    list: () => [...vans.values()].sort((a, b) => a.van.localeCompare(b.van)),
    get: (van) => vans.get(van),
    refresh(van) {
      const current = vans.get(van);
      if (!current) return;
      const next = withLimits(current, true);
      if (next === current) return;
      vans.set(van, next);
      bus.emit('van-state', next);
    },
    start() {
      if (unsubscribe.length) return;
      // What the store kept may predate a change of configuration (GIVRE_COMPARTMENT_PROFILES).
      for (const van of [...vans.keys()]) this.refresh(van);
      unsubscribe = [
        bus.on('readings-stored', ({ van, readings, arrivedAt }) =>
          update(van, (s) => withClock(applyReadings(s, readings), s, readings, arrivedAt)),
        ),
        bus.on('van-status', (status) => update(status.van, (s) => applyStatus(s, status))),
      ];
    },
    stop() {
      unsubscribe.forEach((off) => off());
      unsubscribe = [];
    },
  };
}
