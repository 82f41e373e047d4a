import { afterEach, describe, expect, it } from 'vitest';
import { createAssociationRepository } from './association-repository.ts';
import { openStateDb, type StateDb } from './state-db.ts';

const resto = {
  id: 'resto-du-coeur-mons',
  name: 'Les Restos du Cœur de Mons',
  address: 'Rue de la Grande Triperie 10, 7000 Mons',
  contact: '065 00 00 00',
};

describe('association repository', () => {
  let db: StateDb;
  afterEach(() => db.close());

  it('keeps an association once, so an admin adding a taken id cannot replace it', () => {
    db = openStateDb(':memory:');
    const associations = createAssociationRepository(db);
    expect(associations.add(resto, 1_000)).toBe(true);
    expect(associations.add({ ...resto, name: 'Autre' }, 2_000)).toBe(false);
    expect(associations.get(resto.id)).toEqual({
      ...resto,
      active: true,
      createdAt: 1_000,
      updatedAt: 1_000,
    });
    expect(associations.get('inconnue')).toBeUndefined();
  });

  it('edits only the fields given, and deactivates and reactivates without losing the record', () => {
    db = openStateDb(':memory:');
    const associations = createAssociationRepository(db);
    associations.add(resto, 1_000);
    expect(associations.update(resto.id, { contact: 'Marie, 0470 00 00 00' }, 2_000)).toMatchObject({
      name: resto.name,
      contact: 'Marie, 0470 00 00 00',
      active: true,
      updatedAt: 2_000,
    });
    expect(associations.update(resto.id, { active: false }, 3_000)?.active).toBe(false);
    expect(associations.get(resto.id)?.contact).toBe('Marie, 0470 00 00 00');
    expect(associations.update(resto.id, { active: true }, 4_000)?.active).toBe(true);
    expect(associations.update('inconnue', { active: false }, 5_000)).toBeUndefined();
  });

  it('lists by name, inactive ones included, and survives a reopening of the table', () => {
    db = openStateDb(':memory:');
    const associations = createAssociationRepository(db);
    associations.add({ ...resto, id: 'zonta', name: 'Accueil de nuit' }, 1);
    associations.add(resto, 2);
    associations.update('zonta', { active: false }, 3);
    const again = createAssociationRepository(db); // CREATE TABLE IF NOT EXISTS: no data lost
    expect(again.list().map((a) => [a.id, a.active])).toEqual([
      ['zonta', false],
      ['resto-du-coeur-mons', true],
    ]);
  });
});
