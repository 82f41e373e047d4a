import { describe, expect, it } from 'vitest';
import type { Association } from '../../core/associations/association.ts';
import { DEFAULT_PROFILES } from '../../core/product-profiles.ts';
import { emptyVanState, type VanState } from '../../core/van-state.ts';
import { GivreError } from '../../platform/errors.ts';
import type { DeviceSummary } from '../../state/device-repository.ts';
import { createLoadReferences } from './load-references.ts';

const association = (id: string, active = true): Association => ({
  id,
  name: `Association ${id}`,
  address: '7000 Mons',
  contact: '065 00 00 00',
  active,
  createdAt: 0,
  updatedAt: 0,
});
const reported = (van: string, ...compartments: string[]): VanState => {
  const state = emptyVanState(van);
  for (const id of compartments)
    state.compartments[id] = {
      id,
      celsius: 3,
      sensor: 'T1',
      temperatureTs: 0,
      doorOpen: null,
      doorTs: null,
      reefer: null,
      limit: null,
    };
  return state;
};
const device = (van: string, revokedAt: number | null = null): DeviceSummary => ({
  van,
  origin: 'cli',
  createdAt: 0,
  revokedAt,
});

const references = () => {
  const associations = [association('resto-du-coeur-mons'), association('fermee', false)];
  return createLoadReferences({
    fleet: { list: () => [reported('VAN-01', 'frozen', 'chilled'), reported('VAN-02')] },
    devices: { list: () => [device('VAN-03'), device('VAN-04', 5)] },
    associations: { list: () => associations, get: (id) => associations.find((a) => a.id === id) },
    profiles: DEFAULT_PROFILES,
    configuredCompartments: ['chilled', 'frozen'],
  });
};

const request = (over: Record<string, unknown> = {}) => ({
  profile: 'poultry',
  weightKg: 12.5,
  donor: { name: 'Delhaize', place: 'Mons', pickupAt: Date.UTC(2026, 11, 1, 18) },
  recipient: { id: 'resto-du-coeur-mons' },
  van: 'VAN-01',
  compartment: 'chilled',
  ...over,
});

const fieldOf = (body: unknown) => {
  try {
    references().check(body);
  } catch (err) {
    expect(err).toBeInstanceOf(GivreError);
    const e = err as GivreError;
    expect(e.toBody().error.code).toBe('GIVRE_ERR_INVALID_FIELD');
    return e.field;
  }
  throw new Error('accepted');
};

describe('what a load may refer to (issue 12)', () => {
  it('offers the vans that reported, with their compartments, and credentialed vans not yet heard from', () => {
    const choices = references().choices();
    expect(choices.vans).toEqual([
      { id: 'VAN-01', compartments: ['chilled', 'frozen'] },
      { id: 'VAN-02', compartments: ['chilled', 'frozen'] }, // online, no record yet: the configured ones
      { id: 'VAN-03', compartments: ['chilled', 'frozen'] },
    ]); // VAN-04's credentials are revoked
    expect(choices.associations).toEqual([
      { id: 'resto-du-coeur-mons', name: 'Association resto-du-coeur-mons' },
    ]);
    expect(choices.profiles.map((p) => p.id)).toContain('frozen');
  });

  it('takes the recipient’s name from its record, whatever the request said', () => {
    const load = references().check(request({ recipient: { id: 'resto-du-coeur-mons', name: 'Typo' } }));
    expect(load.recipient).toEqual({ id: 'resto-du-coeur-mons', name: 'Association resto-du-coeur-mons' });
  });

  it.each([
    ['an unknown van', { van: 'VAN-99' }, 'van'],
    ['a revoked van', { van: 'VAN-04' }, 'van'],
    ['a compartment the van does not have', { compartment: 'rear' }, 'compartment'],
    ['an unknown association', { recipient: { id: 'resto-de-mons' } }, 'recipient.id'],
    ['a deactivated association', { recipient: { id: 'fermee' } }, 'recipient.id'],
    ['an unknown product profile', { profile: 'caviar' }, 'profile'],
    ['a negative weight', { weightKg: -3 }, 'weightKg'],
    ['a weight that is not a number', { weightKg: 'douze' }, 'weightKg'],
    [
      'a donor without a name',
      { donor: { name: ' ', place: 'Mons', pickupAt: Date.UTC(2026, 0, 1) } },
      'donor.name',
    ],
  ])('refuses %s, naming the field', (_what, over, field) => {
    expect(fieldOf(request(over))).toBe(field);
  });
});
