import { z } from 'zod';
import { PartyId } from '../loads/load.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * An association (charity) that receives loads (issue 12): a record an administrator keeps,
 * not a slug typed into a form, so a typo cannot send a load to nobody. Its `id` is the slug
 * of its page (`/associations/{id}`) and of loads' `recipient.id`; it never changes.
 */
export const AssociationInput = z.strictObject({
  id: PartyId,
  name: text(120),
  /** Postal address, as printed for a driver: street, postcode, town. */
  address: text(300),
  /** Who to call at hand-over: a name, a phone number or an e-mail address. */
  contact: text(200),
});
export type AssociationInput = z.infer<typeof AssociationInput>;

/** An edit: any of the fields but the id; `active: false` withdraws it from new loads. */
export const AssociationPatch = z
  .strictObject({
    name: text(120).optional(),
    address: text(300).optional(),
    contact: text(200).optional(),
    active: z.boolean().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');
export type AssociationPatch = z.infer<typeof AssociationPatch>;

export const Association = z.strictObject({
  ...AssociationInput.shape,
  /** False once deactivated: kept for the loads it received, offered for no new one. */
  active: z.boolean(),
  /** Wall time, ms. */
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Association = z.infer<typeof Association>;

/** What the load form may show of an association: people who plan loads need no address book. */
export const AssociationChoice = Association.pick({ id: true, name: true });
export type AssociationChoice = z.infer<typeof AssociationChoice>;
