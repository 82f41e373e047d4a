import { z } from 'zod';
import type { CompartmentId } from '../core/ids.ts';

/** Scenario names are fixed: tests, demos and operators select them by name. */
export const SCENARIO_NAMES = [
  'normal',
  'reefer-failure',
  'door-left-open',
  'sensor-dropout',
  'network-outage',
] as const;
export const ScenarioName = z.enum(SCENARIO_NAMES);
export type ScenarioName = z.infer<typeof ScenarioName>;

/** A window of device time, seconds since the van booted. */
export interface Window {
  fromS: number;
  durationS: number;
}

/** What goes wrong in a run; every time is in seconds of device time since boot. */
export interface Scenario {
  name: ScenarioName;
  /** The reefer of this compartment stops for good at `atS`. */
  reeferFailure?: { compartment: CompartmentId; atS: number };
  /** At the stop with this index (0 = first), the door stays open for `durationS`. */
  doorLeftOpen?: { compartment: CompartmentId; stopIndex: number; durationS: number };
  /** The compartment's temperature sensor reports nothing during the window. */
  sensorDropout?: { compartment: CompartmentId } & Window;
  /** The van has no network during the window: it records, buffers and forwards later. */
  networkOutage?: Window;
}

const MINUTE = 60;

export const SCENARIOS: Readonly<Record<ScenarioName, Scenario>> = {
  normal: { name: 'normal' },
  'reefer-failure': {
    name: 'reefer-failure',
    reeferFailure: { compartment: 'chilled', atS: 20 * MINUTE },
  },
  'door-left-open': {
    name: 'door-left-open',
    // The second pickup, ~20–50 min into the run: the driver forgets the chilled door.
    doorLeftOpen: { compartment: 'chilled', stopIndex: 1, durationS: 30 * MINUTE },
  },
  'sensor-dropout': {
    name: 'sensor-dropout',
    sensorDropout: { compartment: 'chilled', fromS: 20 * MINUTE, durationS: 20 * MINUTE },
  },
  'network-outage': {
    name: 'network-outage',
    networkOutage: { fromS: 20 * MINUTE, durationS: 15 * MINUTE },
  },
};

const inside = (w: Window | undefined, tS: number) => !!w && tS >= w.fromS && tS < w.fromS + w.durationS;

export function reeferFailed(s: Scenario, compartment: CompartmentId, tS: number): boolean {
  return s.reeferFailure?.compartment === compartment && tS >= s.reeferFailure.atS;
}

export function sensorSilent(s: Scenario, compartment: CompartmentId, tS: number): boolean {
  return s.sensorDropout?.compartment === compartment && inside(s.sensorDropout, tS);
}

export function networkDown(s: Scenario, tS: number): boolean {
  return inside(s.networkOutage, tS);
}
