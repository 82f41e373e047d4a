import { describe, expect, it } from 'vitest';
import { percentile, summariseLatencies } from './measure-percentiles.ts';

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
  it.each([
    [50, 50],
    [95, 95],
    [99, 99],
    [100, 100],
    [0, 1],
  ])('p%d of 1..100 is %d', (p, expected) => expect(percentile(hundred, p)).toBe(expected));

  it('p99 of 20 samples is the largest: too few samples never report a value below the tail', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(twenty, 99)).toBe(20);
    expect(percentile(twenty, 50)).toBe(10);
  });

  it('is NaN without samples', () => expect(percentile([], 50)).toBeNaN());
});

describe('summariseLatencies', () => {
  it('sorts its samples and rounds to 0.1 ms', () => {
    expect(summariseLatencies([3.14159, 1, 2.06, 40])).toEqual({
      count: 4,
      p50Ms: 2.1,
      p95Ms: 40,
      p99Ms: 40,
      maxMs: 40,
    });
  });
});
