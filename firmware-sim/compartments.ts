import type { CompartmentId, SensorId } from '../core/ids.ts';
import { CHILLED_PARAMS, FROZEN_PARAMS, type ThermalParams } from './thermal-model.ts';

/** One insulated compartment of a van, with its own reefer, door and air sensor. */
export interface CompartmentSpec {
  id: CompartmentId;
  /** Reefer setpoint, °C. */
  setpointC: number;
  thermal: ThermalParams;
  /** Chance that the door of this compartment opens at a supermarket stop. */
  openChance: number;
}

/**
 * SOREAL's vans carry meat and dairy chilled (setpoint 2 °C, below the strictest common
 * limits of 3–4 °C) and frozen goods at −21 °C (3 °C of margin under −18 °C).
 */
export const COMPARTMENTS: readonly CompartmentSpec[] = [
  { id: 'chilled', setpointC: 2, thermal: CHILLED_PARAMS, openChance: 1 },
  { id: 'frozen', setpointC: -21, thermal: FROZEN_PARAMS, openChance: 0.6 },
];

/** `VAN-01-T1` for the first compartment's sensor, `VAN-01-T2` for the second. */
export function sensorIdOf(van: string, index: number): SensorId {
  return `${van}-T${index + 1}`;
}
