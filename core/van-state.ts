import { z } from 'zod';
import { VanClock } from './clock/clock-offset.ts';
import { VanId } from './ids.ts';
import type { VanStatus } from './messages.ts';
import { ReeferState, type Reading } from './readings.ts';

/**
 * A compartment's limit in force: the strictest product profile among the loads on board
 * (DESIGN.md §4), or the compartment's configured default profile when nothing is on board.
 * Computed by ingest where the rules run (issue 9), so every page shows the limit the alerts follow.
 */
export const LimitInForce = z.strictObject({
  /** Legal maximum product temperature, °C; `null` when nothing on board needs one (ambient, or no profile). */
  maxCelsius: z.number().nullable(),
  /** °C a brief rise may reach (quick-frozen: −15); `null` where none is tolerated. */
  toleranceCelsius: z.number().nullable(),
  /** The product profile the limit comes from; `null` when the compartment has none. */
  profile: z.string().nullable(),
  /** `loads`: the strictest of the loads on board; `default`: GIVRE_COMPARTMENT_PROFILES. */
  source: z.enum(['loads', 'default']),
  /** Ids of the loads on board this compartment, sorted. */
  loads: z.array(z.string()),
});
export type LimitInForce = z.infer<typeof LimitInForce>;

/** One temperature sensor's latest record: °C, device time (ms). */
export const SensorState = z.strictObject({ celsius: z.number(), ts: z.number() });
export type SensorState = z.infer<typeof SensorState>;

/**
 * How long a sensor's latest record still counts as current beside a newer one of another
 * sensor, ms (the alert rules' default "recorder silent"): a probe gone quiet does not
 * pin the compartment's temperature.
 */
export const SENSOR_CURRENT_MS = 5 * 60_000;

/** What the fleet page shows of one compartment: the latest reading of each kind, by device time. */
export const CompartmentState = z.strictObject({
  id: z.string(),
  /**
   * The compartment's air temperature, °C: the warmest current sensor's latest record (ATP
   * judges the warmest point; each sensor's own is in `sensors`), with its sensor and time.
   */
  celsius: z.number().nullable(),
  sensor: z.string().nullable(),
  temperatureTs: z.number().nullable(),
  /** Each sensor's latest record; absent in states written before sensors were kept apart. */
  sensors: z.record(z.string(), SensorState).optional(),
  doorOpen: z.boolean().nullable(),
  doorTs: z.number().nullable(),
  reefer: z.strictObject({ state: ReeferState, setpoint: z.number(), ts: z.number() }).nullable(),
  /** The limit this compartment's alerts follow now; `null` until ingest has said. */
  limit: LimitInForce.nullable(),
});
export type CompartmentState = z.infer<typeof CompartmentState>;

/** The latest state of one van, as ingest keeps it and the dashboards show it. */
export const VanState = z.strictObject({
  van: VanId,
  /** From the retained status topic; `null` until the broker has told us. */
  online: z.boolean().nullable(),
  statusTs: z.number().nullable(),
  /** Device time of the newest reading seen (ms). */
  lastReadingTs: z.number().nullable(),
  /** Highest reading seq seen. */
  lastSeq: z.number().nullable(),
  compartments: z.record(z.string(), CompartmentState),
  battery: z.strictObject({ percent: z.number(), ts: z.number() }).nullable(),
  position: z.strictObject({ lat: z.number(), lon: z.number(), ts: z.number() }).nullable(),
  /** The van's clock against the server's (issue 13); absent until measured, and in older states. */
  clock: VanClock.optional(),
});
export type VanState = z.infer<typeof VanState>;

export function emptyVanState(van: string): VanState {
  return {
    van,
    online: null,
    statusTs: null,
    lastReadingTs: null,
    lastSeq: null,
    compartments: {},
    battery: null,
    position: null,
  };
}

function emptyCompartment(id: string): CompartmentState {
  return {
    id,
    celsius: null,
    sensor: null,
    temperatureTs: null,
    doorOpen: null,
    doorTs: null,
    reefer: null,
    limit: null,
  };
}

/**
 * The warmest sensor among those recorded within `SENSOR_CURRENT_MS` of the newest record; of
 * sensors equally warm, the first by name (`localeCompare`). Two passes, no copies (issue 14:
 * this runs for every message).
 */
function warmestCurrent(
  sensors: Record<string, SensorState>,
): Pick<CompartmentState, 'celsius' | 'sensor' | 'temperatureTs'> {
  let newest = -Infinity;
  for (const id in sensors) newest = Math.max(newest, sensors[id]!.ts);
  let sensor: string | undefined;
  let best: SensorState | undefined;
  for (const id in sensors) {
    const s = sensors[id]!;
    if (s.ts < newest - SENSOR_CURRENT_MS) continue;
    if (!best || s.celsius > best.celsius || (s.celsius === best.celsius && id.localeCompare(sensor!) < 0)) {
      best = s;
      sensor = id;
    }
  }
  return { celsius: best!.celsius, sensor: sensor!, temperatureTs: best!.ts };
}

/**
 * Folds readings into a van's latest state. A reading older (device time) than what is
 * already shown does not overwrite it: store-and-forward delivers old readings late.
 * Pure: returns a new state, never mutates its input.
 */
export function applyReadings(state: VanState, readings: readonly Reading[]): VanState {
  const next: VanState = { ...state, compartments: { ...state.compartments } };
  const compartment = (id: string): CompartmentState => {
    const existing = next.compartments[id];
    if (existing && existing === state.compartments[id]) return (next.compartments[id] = { ...existing });
    return existing ?? (next.compartments[id] = emptyCompartment(id));
  };
  // Issue 14: a compartment's sensors are copied once per batch, and its warmest current
  // sensor worked out once, at the end (a pure function of the sensors, so the same answer).
  const warmed = new Set<CompartmentState>();
  for (const r of readings) {
    if (next.lastReadingTs === null || r.ts > next.lastReadingTs) next.lastReadingTs = r.ts;
    if (next.lastSeq === null || r.seq > next.lastSeq) next.lastSeq = r.seq;
    switch (r.kind) {
      case 'temperature': {
        const c = compartment(r.compartment);
        const known = c.sensors?.[r.sensor];
        if (known && r.ts < known.ts) break;
        if (!warmed.has(c)) {
          c.sensors = { ...(c.sensors ?? {}) };
          warmed.add(c);
        }
        c.sensors![r.sensor] = { celsius: r.celsius, ts: r.ts };
        break;
      }
      case 'door': {
        const c = compartment(r.compartment);
        if (c.doorTs === null || r.ts >= c.doorTs) {
          c.doorOpen = r.open;
          c.doorTs = r.ts;
        }
        break;
      }
      case 'reefer': {
        const c = compartment(r.compartment);
        if (c.reefer === null || r.ts >= c.reefer.ts)
          c.reefer = { state: r.state, setpoint: r.setpoint, ts: r.ts };
        break;
      }
      case 'battery':
        if (next.battery === null || r.ts >= next.battery.ts) next.battery = { percent: r.percent, ts: r.ts };
        break;
      case 'position':
        if (next.position === null || r.ts >= next.position.ts)
          next.position = { lat: r.lat, lon: r.lon, ts: r.ts };
        break;
    }
  }
  for (const c of warmed) Object.assign(c, warmestCurrent(c.sensors!));
  return next;
}

export function applyStatus(state: VanState, status: VanStatus): VanState {
  return { ...state, online: status.state === 'online', statusTs: status.ts ?? state.statusTs };
}
