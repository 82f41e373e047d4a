import type { AssociationInput } from '../../core/associations/association.ts';
import type { AssociationRepository } from '../../state/association-repository.ts';

/** The association of the demo's association user (its page: `/associations/resto-du-coeur-mons`). */
export const DEMO_ASSOCIATION = 'resto-du-coeur-mons';

/**
 * The demo's associations (`givre start --simulate`), so that the load form has recipients
 * and the demo's association user a record to belong to. Addresses and numbers are made up.
 */
export const DEMO_ASSOCIATIONS: readonly AssociationInput[] = [
  {
    id: DEMO_ASSOCIATION,
    name: 'Restos du Cœur de Mons',
    address: 'Rue de la Démonstration 1, 7000 Mons',
    contact: 'Accueil, 065 00 00 01 (démonstration)',
  },
  {
    id: 'croix-rouge-mons',
    name: 'Croix-Rouge — Maison de Mons',
    address: 'Rue de la Démonstration 2, 7000 Mons',
    contact: 'Permanence, 065 00 00 02 (démonstration)',
  },
  {
    id: 'epicerie-sociale-jemappes',
    name: 'Épicerie sociale de Jemappes',
    address: 'Rue de la Démonstration 3, 7012 Jemappes',
    contact: 'Bénévole de garde, 065 00 00 03 (démonstration)',
  },
];

/** Adds the demo's associations that are missing; one an administrator edited or deactivated stays as it is. */
export function seedDemoAssociations(associations: AssociationRepository, now: number): void {
  for (const a of DEMO_ASSOCIATIONS) associations.add(a, now);
}
