import { describe, expect, it } from 'vitest';
import { DEFAULT_HAND_OVER, defaultHandOverMinutes, type HandOverDefaults } from './hand-over-defaults.ts';

const table: HandOverDefaults = {
  network: { atDonor: 10, atCharity: 10 },
  donors: [
    { name: 'Delhaize Mons Grand-Place', atDonor: 3 },
    { name: 'Épicerie Sainte-Waudru', atDonor: 20, atCharity: 15 },
  ],
};

describe('defaultHandOverMinutes: what the driver’s form proposes', () => {
  it.each([
    ['a donor the table does not name: the network’s', 'Carrefour Jemappes', { atDonor: 10, atCharity: 10 }],
    [
      'a named donor: its own at the donor, the network’s at the charity',
      'Delhaize Mons Grand-Place',
      { atDonor: 3, atCharity: 10 },
    ],
    [
      'named as a person types it (case, accents, spaces)',
      '  epicerie  sainte-waudru ',
      { atDonor: 20, atCharity: 15 },
    ],
  ])('%s', (_what, name, minutes) => {
    expect(defaultHandOverMinutes({ name }, table)).toEqual(minutes);
  });

  it('defaults to the network’s 10 minutes at each end', () => {
    expect(defaultHandOverMinutes({ name: 'Any shop' })).toEqual({ atDonor: 10, atCharity: 10 });
    expect(DEFAULT_HAND_OVER.donors).toEqual([]);
  });
});
