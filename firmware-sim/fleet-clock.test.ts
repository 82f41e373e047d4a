import { describe, expect, it } from 'vitest';
import { fleetClock } from './fleet-clock.ts';

describe('fleetClock', () => {
  it.each([
    [1, 60_000, 60_000],
    [20, 60_000, 1_200_000],
    [600, 1_000, 600_000],
    [0.5, 10_000, 5_000],
  ])('at speed %d, %d ms of wall time are %d ms of fleet time', (speed, wallMs, fleetMs) => {
    let wall = 1_800_000_000_000;
    const now = fleetClock(wall, speed, () => wall);
    expect(now()).toBe(1_800_000_000_000);
    wall += wallMs;
    expect(now() - 1_800_000_000_000).toBe(fleetMs);
  });
});
