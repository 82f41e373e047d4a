import type { Lang } from './i18n.ts';

type AssociationField = 'id' | 'name' | 'address' | 'contact';

/** Words of the admin page's associations section (issue 12), French first. */
export const ASSOCIATION_ADMIN_TEXT = {
  fr: {
    title: 'Associations',
    none: 'Aucune association. Ajoutez celles qui reçoivent les chargements.',
    legendNew: 'Nouvelle association',
    legendEdit: (name: string) => `Modifier « ${name} »`,
    labels: {
      id: 'Identifiant (adresse de sa page)',
      name: 'Nom',
      address: 'Adresse',
      contact: 'Contact (personne, téléphone ou e-mail)',
    } satisfies Record<AssociationField, string>,
    idHint: 'Lettres minuscules sans accent, chiffres et tirets ; ne change plus ensuite.',
    errors: {
      id: 'Un identifiant de lettres minuscules sans accent, chiffres et tirets (64 au plus), pas encore pris.',
      name: 'Indiquez le nom de l’association (120 caractères au plus).',
      address: 'Indiquez son adresse (300 caractères au plus).',
      contact: 'Indiquez qui joindre à la remise (200 caractères au plus).',
    } satisfies Record<AssociationField, string>,
    state: 'État',
    active: 'active',
    inactive: 'désactivée',
    add: 'Ajouter l’association',
    save: 'Enregistrer',
    cancel: 'Annuler',
    edit: 'Modifier',
    deactivate: 'Désactiver',
    reactivate: 'Réactiver',
    added: (name: string) => `« ${name} » est ajoutée : le formulaire des chargements la propose.`,
    saved: (name: string) => `« ${name} » est enregistrée.`,
    deactivated: (name: string) =>
      `« ${name} » est désactivée : plus aucun nouveau chargement ne peut lui être adressé.`,
    reactivated: (name: string) => `« ${name} » est réactivée.`,
    failed: 'L’opération a échoué',
  },
  en: {
    title: 'Associations',
    none: 'No association yet. Add those that receive the loads.',
    legendNew: 'New association',
    legendEdit: (name: string) => `Edit “${name}”`,
    labels: {
      id: 'Id (the address of its page)',
      name: 'Name',
      address: 'Address',
      contact: 'Contact (person, phone or e-mail)',
    } satisfies Record<AssociationField, string>,
    idHint: 'Lower-case letters without accents, digits and hyphens; it cannot change afterwards.',
    errors: {
      id: 'An id of lower-case letters without accents, digits and hyphens (at most 64), not taken yet.',
      name: 'Give the association’s name (at most 120 characters).',
      address: 'Give its address (at most 300 characters).',
      contact: 'Give whom to reach at hand-over (at most 200 characters).',
    } satisfies Record<AssociationField, string>,
    state: 'State',
    active: 'active',
    inactive: 'deactivated',
    add: 'Add the association',
    save: 'Save',
    cancel: 'Cancel',
    edit: 'Edit',
    deactivate: 'Deactivate',
    reactivate: 'Reactivate',
    added: (name: string) => `“${name}” is added: the load form offers it.`,
    saved: (name: string) => `“${name}” is saved.`,
    deactivated: (name: string) => `“${name}” is deactivated: no new load can be addressed to it.`,
    reactivated: (name: string) => `“${name}” is reactivated.`,
    failed: 'The operation failed',
  },
} satisfies Record<Lang, unknown>;

export const ASSOCIATION_FIELDS = [
  'id',
  'name',
  'address',
  'contact',
] as const satisfies readonly AssociationField[];
export type { AssociationField };

/**
 * A suggested id for a name: "Restos du Cœur — Mons" → `restos-du-coeur-mons` (accents
 * dropped, œ and æ spelt out), so an admin rarely has to invent a slug.
 */
export function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}
