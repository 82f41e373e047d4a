import { describe, expect, it } from 'vitest';
import { PartyId } from '../../core/loads/load.ts';
import { slugOf } from './association-slug.ts';

describe('the id suggested for an association’s name (issue 12)', () => {
  it.each([
    ['Restos du Cœur — Mons', 'restos-du-coeur-mons'],
    ['Épicerie sociale — Jemappes', 'epicerie-sociale-jemappes'],
    ['  Saint-Vincent de Paul (Cuesmes) ', 'saint-vincent-de-paul-cuesmes'],
  ])('%s → %s, an id the server accepts', (name, slug) => {
    expect(slugOf(name)).toBe(slug);
    expect(PartyId.safeParse(slug).success).toBe(true);
  });
});
