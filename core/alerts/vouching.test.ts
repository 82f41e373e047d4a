import { describe, expect, it } from 'vitest';
import { INTERVAL_SAMPLE, medianStep, pushStep } from './vouching.ts';

describe('a sensor’s recording interval', () => {
  it('is the median of its recent steps, the upper one of an even count, none before a step', () => {
    expect(medianStep([])).toBeNull();
    expect(medianStep([30_000])).toBe(30_000);
    expect(medianStep([60_000, 30_000])).toBe(60_000);
    expect(medianStep([30_000, 600_000, 29_000, 31_000, 30_000])).toBe(30_000);
    // One long gap among steady steps does not move it; a majority of long steps does.
    expect(medianStep([30_000, 30_000, 30_000, 30_000, 7_200_000])).toBe(30_000);
    expect(medianStep([7_200_000, 30_000, 7_200_000, 30_000, 7_200_000])).toBe(7_200_000);
  });

  it('agrees with sorting the sample, whatever its order, and leaves the sample as it was', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % 100_000;
    for (let round = 0; round < 500; round++) {
      const steps = Array.from({ length: 1 + (round % INTERVAL_SAMPLE) }, random);
      const before = [...steps];
      const sorted = [...steps].sort((a, b) => a - b);
      expect(medianStep(steps)).toBe(sorted[Math.floor(sorted.length / 2)]);
      expect(steps).toEqual(before);
    }
  });

  it('keeps the latest steps up to the sample size, oldest dropped first', () => {
    const steps: number[] = [];
    pushStep(steps, 5);
    expect(steps).toEqual([5]);
    for (const step of [6, 7, 8, 9, 10, 11, 12]) pushStep(steps, step);
    expect(steps).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);
    pushStep(steps, 13);
    expect(steps).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13]);
    pushStep(steps, 14);
    expect(steps).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14]);
    const long = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    pushStep(long, 12);
    expect(long).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(INTERVAL_SAMPLE).toBe(9);
  });
});
