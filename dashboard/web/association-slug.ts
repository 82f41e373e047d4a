/** The fields of an association an admin fills in (core/associations/association.ts), in form order. */
export const ASSOCIATION_FIELDS = ['id', 'name', 'address', 'contact'] as const;
export type AssociationField = (typeof ASSOCIATION_FIELDS)[number];

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
