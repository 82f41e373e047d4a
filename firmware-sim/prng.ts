/**
 * A seeded pseudo-random generator, so that a simulation run with the same seed records the
 * same temperatures, doors and route (mulberry32: 32-bit state, fast, good enough for noise;
 * not for anything secret).
 */
export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  between(min: number, max: number): number;
  /** `true` with probability `p`. */
  chance(p: number): boolean;
  /** Normal with mean 0 and standard deviation `sigma` (Box–Muller). */
  gaussian(sigma: number): number;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createPrng(seed: number): Prng {
  const next = mulberry32(seed);
  return {
    next,
    between: (min, max) => min + (max - min) * next(),
    chance: (p) => next() < p,
    gaussian: (sigma) => {
      const u = 1 - next(); // (0, 1]: log(0) would be -Infinity
      const v = next();
      return sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
  };
}

/**
 * An independent seed for one member of a fleet (or one stream of a van), so that VAN-02's
 * run does not change when VAN-01's scenario does. FNV-1a over the label, mixed with the seed.
 */
export function deriveSeed(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
