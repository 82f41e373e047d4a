import type { Reading } from '../../core/readings.ts';
import {
  applyReadings,
  applyStatus,
  emptyVanState,
  type LimitInForce,
  type VanState,
} from '../../core/van-state.ts';
import { createDashboardServer, type DashboardServer } from '../../dashboard/server.ts';
import type { Readiness } from '../../dashboard/deps.ts';
import { EventBus } from '../../platform/event-bus.ts';
import type { GivreEvents } from '../../platform/events.ts';
import { createLogger } from '../../platform/logger.ts';
import { MetricsRegistry } from '../../platform/metrics.ts';

export interface TestDashboard {
  url: string;
  server: DashboardServer;
  bus: EventBus<GivreEvents>;
  metrics: MetricsRegistry;
  /** Folds readings into a van's state with core's reducer, then emits `van-state` on the bus, as ingest does. */
  publish(van: string, readings: Reading[]): VanState;
  setOnline(van: string, online: boolean): VanState;
  /**
   * Sets the limit in force of a compartment already seen (publish a reading first), as
   * ingest computes it from the loads on board, then emits `van-state`. Later readings keep it.
   */
  setLimit(van: string, compartment: string, limit: LimitInForce | null): VanState;
  setReadiness(readiness: Readiness): void;
  close(): Promise<void>;
}

/** A real dashboard server on 127.0.0.1, port 0, fed by a real EventBus. */
export async function startDashboard(options: { emitIntervalMs?: number } = {}): Promise<TestDashboard> {
  const bus = new EventBus<GivreEvents>();
  const metrics = new MetricsRegistry();
  const vans = new Map<string, VanState>();
  let readiness: Readiness = { ready: true, checks: { store: { ok: true } } };
  const server = createDashboardServer({
    metrics,
    bus,
    fleet: { list: () => [...vans.values()], get: (van) => vans.get(van) },
    readiness: () => readiness,
    logger: createLogger({ level: 'warn' }),
    ...(options.emitIntervalMs === undefined ? {} : { emitIntervalMs: options.emitIntervalMs }),
  });
  const { port } = await server.listen(0, '127.0.0.1');
  const commit = (state: VanState) => {
    vans.set(state.van, state);
    bus.emit('van-state', state);
    return state;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    bus,
    metrics,
    publish: (van, readings) => commit(applyReadings(vans.get(van) ?? emptyVanState(van), readings)),
    setOnline: (van, online) =>
      commit(
        applyStatus(vans.get(van) ?? emptyVanState(van), { v: 1, van, state: online ? 'online' : 'offline' }),
      ),
    setLimit: (van, compartment, limit) => {
      const state = vans.get(van);
      const existing = state?.compartments[compartment];
      if (!state || !existing) throw new Error(`setLimit: publish a reading of ${van} ${compartment} first`);
      return commit({
        ...state,
        compartments: { ...state.compartments, [compartment]: { ...existing, limit } },
      });
    },
    setReadiness: (next) => {
      readiness = next;
    },
    close: () => server.close(),
  };
}

let seq = 0;
/** A van's readings at device time `ts`: one temperature per compartment, optional door state. */
export function readingsAt(
  ts: number,
  temps: Record<string, number>,
  doors: Record<string, boolean> = {},
): Reading[] {
  const readings: Reading[] = [];
  for (const [compartment, celsius] of Object.entries(temps))
    readings.push({ kind: 'temperature', seq: seq++, ts, compartment, sensor: `T-${compartment}`, celsius });
  for (const [compartment, open] of Object.entries(doors))
    readings.push({ kind: 'door', seq: seq++, ts, compartment, open });
  return readings;
}
