import { describe, expect, it } from 'vitest';
import { DEFAULT_PROFILES, ProductProfile, findProfile, strictestProfile } from './product-profiles.ts';

const profile = (id: string): ProductProfile => {
  const p = findProfile(DEFAULT_PROFILES, id);
  if (!p) throw new Error(`no profile ${id}`);
  return p;
};

describe('product profiles (DESIGN.md §4)', () => {
  it.each([
    ['fresh-meat', 7],
    ['poultry', 4],
    ['offal', 3],
    ['minced-meat', 2],
    ['meat-preparations', 4],
    ['dairy', 6],
    ['chilled', 7],
    ['frozen', -18],
  ])('%s has a legal maximum of %d °C with its source', (id, max) => {
    expect(profile(id).maxCelsius).toBe(max);
    expect(profile(id).legalSource.length).toBeGreaterThan(3);
  });

  it('tolerates brief rises to −15 °C for quick-frozen food only', () => {
    expect(profile('frozen').toleranceCelsius).toBe(-15);
    expect(DEFAULT_PROFILES.filter((p) => p.toleranceCelsius !== null).map((p) => p.id)).toEqual(['frozen']);
  });

  it('every default profile satisfies the schema', () => {
    for (const p of DEFAULT_PROFILES) expect(ProductProfile.parse(p)).toEqual(p);
  });

  it('a compartment carrying yoghurt and minced meat alerts at the minced-meat limit', () => {
    expect(strictestProfile([profile('dairy'), profile('minced-meat'), profile('ambient')])?.id).toBe(
      'minced-meat',
    );
    expect(strictestProfile([profile('ambient')])).toBeUndefined();
  });
});
