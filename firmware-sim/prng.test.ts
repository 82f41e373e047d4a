import { describe, expect, it } from 'vitest';
import { createPrng, deriveSeed, mulberry32 } from './prng.ts';

describe('prng', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const seqA = Array.from({ length: 20 }, a);
    expect(Array.from({ length: 20 }, b)).toEqual(seqA);
    expect(Array.from({ length: 20 }, c)).not.toEqual(seqA);
    for (const x of seqA) expect(x >= 0 && x < 1).toBe(true);
  });

  it('draws gaussian noise with about the requested spread', () => {
    const rng = createPrng(7);
    const xs = Array.from({ length: 5000 }, () => rng.gaussian(0.1));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(sd).toBeGreaterThan(0.09);
    expect(sd).toBeLessThan(0.11);
  });

  it('derives distinct, stable seeds per label', () => {
    expect(deriveSeed(1, 'VAN-01')).toBe(deriveSeed(1, 'VAN-01'));
    expect(deriveSeed(1, 'VAN-01')).not.toBe(deriveSeed(1, 'VAN-02'));
    expect(deriveSeed(1, 'VAN-01')).not.toBe(deriveSeed(2, 'VAN-01'));
  });
});
