import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 'x', c: null }], e: { g: true, f: -1.5 } })).toBe(
      '{"a":[{"c":null,"d":"x"}],"b":1,"e":{"f":-1.5,"g":true}}',
    );
  });

  it('gives the same bytes whatever the key order', () => {
    expect(canonicalJson({ x: 1, y: 'é' })).toBe(canonicalJson({ y: 'é', x: 1 }));
  });

  it('refuses what JSON cannot carry', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/non-finite/);
  });
});
