import type { VanStatus } from './messages.ts';
import type { Reading, ReeferState } from './readings.ts';

/** What the fleet page shows of one compartment: the latest reading of each kind, by device time. */
export interface CompartmentState {
  id: string;
  /** Latest air temperature, °C, its sensor and device time (ms). */
  celsius: number | null;
  sensor: string | null;
  temperatureTs: number | null;
  doorOpen: boolean | null;
  doorTs: number | null;
  reefer: { state: ReeferState; setpoint: number; ts: number } | null;
}

export interface VanState {
  van: string;
  /** From the retained status topic; `null` until the broker has told us. */
  online: boolean | null;
  statusTs: number | null;
  /** Device time of the newest reading seen (ms). */
  lastReadingTs: number | null;
  /** Highest reading seq seen. */
  lastSeq: number | null;
  compartments: Record<string, CompartmentState>;
  battery: { percent: number; ts: number } | null;
  position: { lat: number; lon: number; ts: number } | null;
}

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
  return { id, celsius: null, sensor: null, temperatureTs: null, doorOpen: null, doorTs: null, reefer: null };
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
  for (const r of readings) {
    if (next.lastReadingTs === null || r.ts > next.lastReadingTs) next.lastReadingTs = r.ts;
    if (next.lastSeq === null || r.seq > next.lastSeq) next.lastSeq = r.seq;
    switch (r.kind) {
      case 'temperature': {
        const c = compartment(r.compartment);
        if (c.temperatureTs === null || r.ts >= c.temperatureTs) {
          c.celsius = r.celsius;
          c.sensor = r.sensor;
          c.temperatureTs = r.ts;
        }
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
  return next;
}

export function applyStatus(state: VanState, status: VanStatus): VanState {
  return { ...state, online: status.state === 'online', statusTs: status.ts ?? state.statusTs };
}
