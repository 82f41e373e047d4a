import { describe, expect, it } from 'vitest';
import { CHILLED_PARAMS, FROZEN_PARAMS, step, type ThermalInputs } from './thermal-model.ts';

const closed: ThermalInputs = { ambientC: 15, setpointC: 2, reefer: 'running', doorOpen: false };
const minutes = (m: number) => m * 60;

/** Runs the model in 30 s recording steps, as the van does. */
function run(airC: number, seconds: number, inputs: ThermalInputs, params = CHILLED_PARAMS): number {
  let state = { airC };
  for (let t = 0; t < seconds; t += 30) state = step(state, 30, inputs, params);
  return state.airC;
}

describe('thermal model', () => {
  it('pulls a warm, closed, running compartment to its setpoint', () => {
    expect(run(15, minutes(60), closed)).toBeCloseTo(2, 1);
    const frozen = { ...closed, setpointC: -21 };
    expect(run(15, minutes(120), frozen, FROZEN_PARAMS)).toBeCloseTo(-21, 1);
  });

  it('stays at the setpoint once there', () => {
    expect(run(2, minutes(600), closed)).toBeCloseTo(2, 6);
  });

  it('warms toward ambient when the reefer stops', () => {
    const off = { ...closed, reefer: 'off' as const };
    const after1h = run(2, minutes(60), off);
    expect(after1h).toBeGreaterThan(7);
    expect(after1h).toBeLessThan(15);
    expect(run(2, minutes(600), off)).toBeCloseTo(15, 1);
  });

  it('warms much faster with the door open than closed', () => {
    const off = { ...closed, reefer: 'off' as const };
    const shut = run(2, minutes(5), off);
    const open = run(2, minutes(5), { ...off, doorOpen: true });
    expect(open - 2).toBeGreaterThan(5 * (shut - 2));
  });

  it('lets a short door opening raise the chilled air a few degrees, then recovers', () => {
    const peak = run(2, minutes(3), { ...closed, doorOpen: true });
    expect(peak).toBeGreaterThan(4);
    expect(peak).toBeLessThan(10);
    expect(run(peak, minutes(20), closed)).toBeLessThan(2.5);
  });

  it('warms the frozen compartment briefly during defrost, staying well below −15 °C', () => {
    const frozen: ThermalInputs = { ...closed, setpointC: -21 };
    const defrosted = run(-21, minutes(10), { ...frozen, reefer: 'defrost' }, FROZEN_PARAMS);
    expect(defrosted).toBeGreaterThan(-20);
    expect(defrosted).toBeLessThan(-15);
    expect(run(defrosted, minutes(30), frozen, FROZEN_PARAMS)).toBeLessThan(-20.5);
  });

  it('is pure: the same inputs give the same state and the input is not changed', () => {
    const state = { airC: 5 };
    expect(step(state, 60, closed)).toEqual(step(state, 60, closed));
    expect(state.airC).toBe(5);
  });
});
