import type { ReeferState } from '../core/readings.ts';

/**
 * First-order air-temperature model of one insulated compartment. All rates are per second
 * of device time; temperatures are °C.
 *
 *   dT/dt = (wall + door) · (ambient − T)          heat leaking in
 *         − cooling                               reefer running: pulls T to the setpoint
 *         + defrostHeating                        reefer defrosting: heater on, no cooling
 *
 * The running reefer is a proportional controller with feed-forward of the wall leak at the
 * setpoint, so a closed compartment settles *at* its setpoint (as a thermostat does on average),
 * and its cooling is capped, so an open door or a hot load wins for a while.
 */
export interface ThermalParams {
  /** Exchange with ambient through walls and seals, s⁻¹. */
  wallLeakPerS: number;
  /** Extra exchange while the door is open, s⁻¹ (much larger than the wall leak). */
  doorLeakPerS: number;
  /** Reefer proportional gain, s⁻¹. */
  reeferGainPerS: number;
  /** Most the reefer can cool, °C/s. */
  reeferMaxCoolingCPerS: number;
  /** Warming while defrosting, °C/s. */
  defrostHeatingCPerS: number;
}

export interface ThermalState {
  /** Air temperature in the compartment, °C (unrounded, noiseless: the truth). */
  airC: number;
}

export interface ThermalInputs {
  ambientC: number;
  setpointC: number;
  reefer: ReeferState;
  doorOpen: boolean;
}

/** A chilled box van: the air time constant with the reefer off is ~1 h, door open ~4 min. */
export const CHILLED_PARAMS: ThermalParams = {
  wallLeakPerS: 1 / 3600,
  doorLeakPerS: 1 / 240,
  reeferGainPerS: 1 / 150,
  reeferMaxCoolingCPerS: 0.03,
  defrostHeatingCPerS: 0.002,
};

/** A frozen compartment: thicker walls, strip curtains at the door, a stronger unit. */
export const FROZEN_PARAMS: ThermalParams = {
  wallLeakPerS: 1 / 7200,
  doorLeakPerS: 1 / 1500,
  reeferGainPerS: 1 / 150,
  reeferMaxCoolingCPerS: 0.04,
  defrostHeatingCPerS: 0.0015,
};

/** Longest explicit-Euler sub-step, s: keeps every rate × step well below 1 (stable). */
const MAX_SUBSTEP_S = 5;

/** Advances the air temperature by `dtSeconds` of device time under constant inputs. Pure. */
export function step(
  state: ThermalState,
  dtSeconds: number,
  inputs: ThermalInputs,
  params: ThermalParams = CHILLED_PARAMS,
): ThermalState {
  let t = state.airC;
  let left = dtSeconds;
  while (left > 0) {
    const dt = Math.min(MAX_SUBSTEP_S, left);
    t += dt * rate(t, inputs, params);
    left -= dt;
  }
  return { airC: t };
}

function rate(airC: number, inputs: ThermalInputs, p: ThermalParams): number {
  const leak = (p.wallLeakPerS + (inputs.doorOpen ? p.doorLeakPerS : 0)) * (inputs.ambientC - airC);
  if (inputs.reefer === 'off') return leak;
  if (inputs.reefer === 'defrost') return leak + p.defrostHeatingCPerS;
  const demand =
    p.reeferGainPerS * (airC - inputs.setpointC) + p.wallLeakPerS * (inputs.ambientC - inputs.setpointC);
  const cooling = Math.min(p.reeferMaxCoolingCPerS, Math.max(0, demand));
  return leak - cooling;
}
