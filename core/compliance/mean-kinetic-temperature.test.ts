import { describe, expect, it } from 'vitest';
import { meanKineticTemperature } from './mean-kinetic-temperature.ts';

describe('mean kinetic temperature (ΔH/R = 10 000 K)', () => {
  it('of one temperature is that temperature', () => {
    expect(meanKineticTemperature([5])).toBeCloseTo(5, 10);
  });

  it('matches the worked example: 0 °C and 10 °C give 6.43 °C, warmer than the 5 °C mean', () => {
    // By hand: e^(−10000/273.15) = e^−36.60992, e^(−10000/283.15) = e^−35.31697;
    // their mean is e^−36.60992 × (1 + e^1.29295)/2 = e^−36.60992 × 2.32170 = e^−35.76762;
    // 10000 / 35.76762 = 279.583 K = 6.433 °C.
    expect(meanKineticTemperature([0, 10])).toBeCloseTo(6.433, 3);
  });

  it('is null without readings', () => {
    expect(meanKineticTemperature([])).toBeNull();
  });
});
