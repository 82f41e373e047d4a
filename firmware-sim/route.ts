import type { CompartmentId } from '../core/ids.ts';
import type { CompartmentSpec } from './compartments.ts';
import type { Prng } from './prng.ts';
import type { Scenario } from './scenarios.ts';

/** SOREAL's depot in Mons, Belgium (WGS 84 degrees). */
export const DEPOT = { lat: 50.4542, lon: 3.9523 };

/** Pickups per evening round before the van goes back to the depot. */
export const PICKUPS_PER_ROUND = 8;

export interface DoorOpening {
  compartment: CompartmentId;
  openS: number;
  closeS: number;
}

/** A supermarket pickup (or the depot). Times are seconds of device time since boot. */
export interface Stop {
  index: number;
  arriveS: number;
  departS: number;
  lat: number;
  lon: number;
  openings: DoorOpening[];
}

export interface RoutePoint {
  lat: number;
  lon: number;
  moving: boolean;
  doors: Record<CompartmentId, boolean>;
}

const MINUTE = 60;

/**
 * The next stop after `previous`: 8–20 min of driving to a supermarket within a few km of Mons,
 * each compartment's door opened once for 1–5 min while loading; after every round of
 * pickups, a 2 h pause at the depot with the doors shut.
 */
export function planStop(
  rng: Prng,
  previous: { departS: number; lat: number; lon: number },
  index: number,
  compartments: readonly CompartmentSpec[],
  scenario: Scenario,
): Stop {
  const arriveS = Math.round(previous.departS + rng.between(8, 20) * MINUTE);
  if (index % (PICKUPS_PER_ROUND + 1) === PICKUPS_PER_ROUND) {
    return { index, arriveS, departS: arriveS + 120 * MINUTE, ...DEPOT, openings: [] };
  }
  const lat = DEPOT.lat + rng.between(-0.03, 0.03);
  const lon = DEPOT.lon + rng.between(-0.045, 0.045);
  const openings: DoorOpening[] = [];
  for (const c of compartments) {
    if (!rng.chance(c.openChance)) continue;
    const openS = Math.round(arriveS + rng.between(1, 3) * MINUTE);
    const left = scenario.doorLeftOpen;
    const heldOpen = left?.stopIndex === index && left.compartment === c.id;
    const durationS = heldOpen ? left.durationS : Math.round(rng.between(1, 5) * MINUTE);
    openings.push({ compartment: c.id, openS, closeS: openS + durationS });
  }
  const lastClose = Math.max(arriveS, ...openings.map((o) => o.closeS));
  const departS = Math.round(lastClose + rng.between(1, 4) * MINUTE);
  return { index, arriveS, departS, lat, lon, openings };
}

/**
 * The van's route, planned lazily one stop ahead as device time advances. `at` must be asked
 * with non-decreasing times (the recorder only moves forward).
 */
export function createRoute(rng: Prng, compartments: readonly CompartmentSpec[], scenario: Scenario) {
  let previous = { departS: 0, ...DEPOT };
  let next = planStop(rng, previous, 0, compartments, scenario);

  return {
    at(tS: number): RoutePoint {
      while (tS >= next.departS) {
        previous = next;
        next = planStop(rng, previous, next.index + 1, compartments, scenario);
      }
      const doors = Object.fromEntries(compartments.map((c) => [c.id, false])) as Record<string, boolean>;
      if (tS < next.arriveS) {
        const f = (tS - previous.departS) / (next.arriveS - previous.departS);
        const lat = previous.lat + f * (next.lat - previous.lat);
        const lon = previous.lon + f * (next.lon - previous.lon);
        return { lat, lon, moving: true, doors };
      }
      for (const o of next.openings) if (tS >= o.openS && tS < o.closeS) doors[o.compartment] = true;
      return { lat: next.lat, lon: next.lon, moving: false, doors };
    },
  };
}

export type Route = ReturnType<typeof createRoute>;
