import type { Load } from '../core/loads/load.ts';

const T = Date.UTC(2026, 10, 26, 18, 0, 0);

/** A load of a van's chilled compartment (VAN-01 by default) as the load store keeps it, for tests; `at` its pickup time, ms. */
export function loadFixture(
  id: string,
  status: Load['status'],
  { profile = 'minced-meat', at = T, van = 'VAN-01' }: { profile?: string; at?: number; van?: string } = {},
): Load {
  return {
    id,
    profile,
    weightKg: 40,
    donor: { name: 'Supermarché', place: 'Mons', pickupAt: at },
    recipient: { id: 'resto-du-coeur', name: 'Resto du cœur' },
    van,
    compartment: 'chilled',
    status,
    createdAt: at,
    pickedUpAt: status === 'planned' ? null : at,
    deliveredAt: status === 'delivered' ? at + 3_600_000 : null,
    reception: null,
    events: [],
  };
}
