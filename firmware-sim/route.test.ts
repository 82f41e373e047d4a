import { describe, expect, it } from 'vitest';
import { COMPARTMENTS } from './compartments.ts';
import { createPrng } from './prng.ts';
import { createRoute, DEPOT } from './route.ts';
import { SCENARIOS } from './scenarios.ts';

/** Every door opening of the first `hours`, sampled each 5 s: [compartment, seconds open]. */
function openings(hours: number, seed: number, scenario = SCENARIOS.normal) {
  const route = createRoute(createPrng(seed), COMPARTMENTS, scenario);
  const found: Array<[string, number]> = [];
  const since: Record<string, number | undefined> = {};
  for (let t = 0; t < hours * 3600; t += 5) {
    const point = route.at(t);
    for (const [id, open] of Object.entries(point.doors)) {
      if (open && since[id] === undefined) since[id] = t;
      if (!open && since[id] !== undefined) {
        found.push([id, t - since[id]!]);
        since[id] = undefined;
      }
    }
    expect(Math.abs(point.lat - DEPOT.lat)).toBeLessThan(0.05);
    expect(Math.abs(point.lon - DEPOT.lon)).toBeLessThan(0.05);
    if (point.moving) expect(Object.values(point.doors)).not.toContain(true);
  }
  return found;
}

describe('route', () => {
  it('opens doors at evening pickups for 1 to 5 minutes, only while parked', () => {
    const found = openings(4, 3);
    expect(found.filter(([id]) => id === 'chilled').length).toBeGreaterThanOrEqual(6);
    for (const [, seconds] of found) {
      expect(seconds).toBeGreaterThanOrEqual(60);
      expect(seconds).toBeLessThanOrEqual(305);
    }
  });

  it('holds the chilled door open ~30 min at one stop in door-left-open', () => {
    const found = openings(3, 3, SCENARIOS['door-left-open']);
    const longest = Math.max(...found.filter(([id]) => id === 'chilled').map(([, s]) => s));
    expect(longest).toBeGreaterThanOrEqual(30 * 60);
    expect(longest).toBeLessThan(31 * 60);
  });

  it('moves the van around Mons', () => {
    const route = createRoute(createPrng(9), COMPARTMENTS, SCENARIOS.normal);
    const a = route.at(0);
    const b = route.at(3600);
    expect(a).not.toEqual(b);
  });
});
