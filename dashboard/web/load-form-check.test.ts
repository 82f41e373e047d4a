import { describe, expect, it } from 'vitest';
import { LOAD_FIELDS } from '../../core/loads/load-request.ts';
import { checkLoadForm, type LoadFormValues } from './load-form-check.ts';

const values = (over: Partial<LoadFormValues> = {}): LoadFormValues => ({
  profile: 'poultry',
  weightKg: '12,5',
  'donor.name': 'Delhaize Mons',
  'donor.place': 'Rue de Nimy, Mons',
  'donor.pickupAt': '2026-12-01T19:30',
  'recipient.id': 'resto-du-coeur-mons',
  van: 'VAN-01',
  compartment: 'chilled',
  ...over,
});

describe('the load form’s own check (issue 12)', () => {
  it('reads a decimal comma and the pickup as Brussels time', () => {
    const checked = checkLoadForm(values());
    expect(checked).toEqual({
      ok: true,
      request: {
        profile: 'poultry',
        weightKg: 12.5,
        donor: { name: 'Delhaize Mons', place: 'Rue de Nimy, Mons', pickupAt: Date.UTC(2026, 11, 1, 18, 30) },
        recipient: { id: 'resto-du-coeur-mons' },
        van: 'VAN-01',
        compartment: 'chilled',
      },
    });
  });

  it.each(['-3', '0', 'douze', '', '6000'])('refuses the weight %j on its field only', (weightKg) => {
    expect(checkLoadForm(values({ weightKg }))).toEqual({ ok: false, fields: ['weightKg'] });
  });

  it('names every field left empty, in the form’s order', () => {
    const empty = Object.fromEntries(Object.keys(values()).map((k) => [k, ''])) as unknown as LoadFormValues;
    expect(checkLoadForm(empty)).toEqual({
      ok: false,
      fields: [...LOAD_FIELDS],
    });
  });
});
