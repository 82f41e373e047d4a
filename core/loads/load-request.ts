import { z } from 'zod';
import { LoadInput, PartyId } from './load.ts';

/**
 * What the load form (and any other client) sends to create or edit a load (issue 12): the
 * recipient by id only — the dashboard copies the association's name from its record, so the
 * load and its certificate name the charity as the administrator wrote it. Checked in the
 * browser for the person's sake and again by the server, which alone knows the fleet.
 */
export const LoadRequest = z.strictObject({
  ...LoadInput.shape,
  recipient: z.strictObject({ id: PartyId, name: z.string().max(120).optional() }),
});
export type LoadRequest = z.infer<typeof LoadRequest>;

/** The fields a load form has, in the paths that zod issues and the server's field errors name. */
export const LOAD_FIELDS = [
  'profile',
  'weightKg',
  'donor.name',
  'donor.place',
  'donor.pickupAt',
  'recipient.id',
  'van',
  'compartment',
] as const;
export type LoadField = (typeof LOAD_FIELDS)[number];

/** The form field an issue path points at; the whole body when it points nowhere known. */
export function loadFieldOf(path: readonly PropertyKey[]): LoadField | undefined {
  const joined = path.map(String).join('.');
  return LOAD_FIELDS.find((f) => joined === f || joined.startsWith(`${f}.`));
}
