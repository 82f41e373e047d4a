import type { CompartmentId, SensorId } from '../core/ids.ts';
import type { ReeferState } from '../core/readings.ts';
import { COMPARTMENTS, sensorIdOf, type CompartmentSpec } from './compartments.ts';
import type { Prng } from './prng.ts';
import { createRoute } from './route.ts';
import { reeferFailed, type Scenario } from './scenarios.ts';
import { step } from './thermal-model.ts';

/** The true physical state of one compartment at an instant (before the sensor's noise). */
export interface CompartmentObservation {
  id: CompartmentId;
  sensor: SensorId;
  airC: number;
  doorOpen: boolean;
  reefer: ReeferState;
  setpointC: number;
}

/** A door opened or closed between two recordings, at `tS`. */
export interface DoorChange {
  compartment: CompartmentId;
  open: boolean;
  tS: number;
}

/** The van at one recording instant `tS` (seconds of device time since boot). */
export interface Observation {
  tS: number;
  compartments: CompartmentObservation[];
  doorChanges: DoorChange[];
  batteryPercent: number;
  lat: number;
  lon: number;
}

export interface VanModelOptions {
  van: string;
  scenario: Scenario;
  rng: Prng;
  /** Outside air, °C: a Belgian evening. */
  ambientC?: number;
  compartments?: readonly CompartmentSpec[];
}

/** Physics is integrated in steps of at most this many seconds (door times resolve to it). */
const STEP_S = 5;
/** Frozen units defrost every 4 h for 10 min, the first one 2 h after boot. */
const DEFROST_EVERY_S = 4 * 3600;
const DEFROST_FIRST_S = 2 * 3600;
const DEFROST_FOR_S = 10 * 60;
/** Battery, %/s: charged by the alternator while driving, drained by the unit while parked. */
const CHARGE_PER_S = 3 / 3600;
const DRAIN_PER_S = 1 / 3600;

/**
 * The unit's state at device time `tS`. A defrost is held while the compartment's door is open
 * for loading, as units with a door switch do: an open door during a defrost (no cooling)
 * would warm a frozen compartment past −15 °C on an otherwise normal night.
 */
export function reeferStateAt(
  spec: CompartmentSpec,
  scenario: Scenario,
  tS: number,
  doorOpen = false,
): ReeferState {
  if (reeferFailed(scenario, spec.id, tS)) return 'off';
  const sinceFirst = tS - DEFROST_FIRST_S;
  const defrosting = spec.setpointC < 0 && sinceFirst >= 0 && sinceFirst % DEFROST_EVERY_S < DEFROST_FOR_S;
  return defrosting && !doorOpen ? 'defrost' : 'running';
}

/**
 * A van's physical world: route and doors, reefers, air temperatures, battery. Deterministic
 * for a given PRNG; it only moves forward in device time.
 */
export function createVanModel(options: VanModelOptions) {
  const { scenario, rng } = options;
  const ambientC = options.ambientC ?? 15;
  const specs = options.compartments ?? COMPARTMENTS;
  const route = createRoute(rng, specs, scenario);
  // Vans leave the depot pre-cooled.
  const air = specs.map((s) => s.setpointC);
  const doors = specs.map(() => false);
  let battery = rng.between(85, 100);
  let tS = 0;

  return {
    advanceTo(toS: number): Observation {
      const doorChanges: DoorChange[] = [];
      while (tS < toS) {
        const dt = Math.min(STEP_S, toS - tS);
        const point = route.at(tS);
        specs.forEach((spec, i) => {
          const open = point.doors[spec.id] ?? false;
          if (open !== doors[i]) doorChanges.push({ compartment: spec.id, open, tS });
          doors[i] = open;
          const inputs = {
            ambientC,
            setpointC: spec.setpointC,
            reefer: reeferStateAt(spec, scenario, tS, open),
            doorOpen: open,
          };
          air[i] = step({ airC: air[i]! }, dt, inputs, spec.thermal).airC;
        });
        battery += dt * (point.moving ? CHARGE_PER_S : -DRAIN_PER_S);
        battery = Math.min(100, Math.max(5, battery));
        tS += dt;
      }
      const point = route.at(tS);
      const compartments = specs.map((spec, i) => {
        doors[i] = point.doors[spec.id] ?? false;
        return {
          id: spec.id,
          sensor: sensorIdOf(options.van, i),
          airC: air[i]!,
          doorOpen: doors[i]!,
          reefer: reeferStateAt(spec, scenario, tS, doors[i]),
          setpointC: spec.setpointC,
        };
      });
      return { tS, compartments, doorChanges, batteryPercent: battery, lat: point.lat, lon: point.lon };
    },
  };
}

export type VanModel = ReturnType<typeof createVanModel>;
