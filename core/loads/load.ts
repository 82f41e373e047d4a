import { z } from 'zod';
import { CompartmentId, VanId } from '../ids.ts';
import { DeliveryRecord, PickupRecord } from './date-marking.ts';

/** An association (charity) id: a slug, used in URLs (`/associations/{id}`). */
export const PartyId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'id: lower-case letters, digits, -');

const instant = z
  .number()
  .int()
  .min(Date.UTC(2020, 0, 1))
  .max(Date.UTC(2100, 0, 1));
const text = (max: number) => z.string().trim().min(1).max(max);

/** What a coordinator enters to plan a load (issue 6). */
export const LoadInput = z.strictObject({
  profile: z.string().regex(/^[a-z0-9-]{1,40}$/),
  /** Net weight, kg. */
  weightKg: z.number().positive().max(5000),
  donor: z.strictObject({
    name: text(120),
    place: text(200),
    /** Planned pickup time, ms since 1970 UTC. */
    pickupAt: instant,
  }),
  recipient: z.strictObject({ id: PartyId, name: text(120) }),
  van: VanId,
  compartment: CompartmentId,
});
export type LoadInput = z.infer<typeof LoadInput>;

export const LoadStatus = z.enum(['planned', 'picked-up', 'delivered', 'rejected']);
export type LoadStatus = z.infer<typeof LoadStatus>;

/**
 * The reception check at hand-over: a probe temperature of the product (°C, optional: not
 * every association has a probe) and the decision. It closes the hand-over chain and is
 * printed on the certificate.
 */
export const ReceptionCheck = z.strictObject({
  probeCelsius: z.number().min(-40).max(60).optional(),
  accepted: z.boolean(),
  reason: z.string().trim().max(500).optional(),
  by: text(100).optional(),
});
export type ReceptionCheck = z.infer<typeof ReceptionCheck>;

export const LoadEventType = z.enum(['picked-up', 'delivered', 'rejected']);
export type LoadEventType = z.infer<typeof LoadEventType>;

/**
 * One kept event of a load: who did what, when (ms since 1970 UTC). A `picked-up` event may
 * carry the pickup record (date marking, donor hand-over), a `delivered` or `rejected` one
 * the delivery record (charity hand-over); events kept before issue 16 have neither.
 */
export const LoadEvent = z.strictObject({
  type: z.union([LoadEventType, z.enum(['created', 'edited'])]),
  at: z.number(),
  by: z.string(),
  reception: ReceptionCheck.optional(),
  pickup: PickupRecord.optional(),
  delivery: DeliveryRecord.optional(),
});
export type LoadEvent = z.infer<typeof LoadEvent>;

/** A load as kept and as the API answers it (the pages parse it against this schema). */
export const Load = LoadInput.extend({
  id: z.string(),
  status: LoadStatus,
  createdAt: z.number(),
  pickedUpAt: z.number().nullable(),
  deliveredAt: z.number().nullable(),
  reception: ReceptionCheck.nullable(),
  events: z.array(LoadEvent),
  /** From the `picked-up` event; absent on loads picked up before issue 16 (or without it). */
  pickup: PickupRecord.optional(),
  /** From the delivery (or rejection) event; absent likewise. */
  delivery: DeliveryRecord.optional(),
});
export type Load = z.infer<typeof Load>;

/** The transitions a load allows: planned → picked-up → delivered | rejected. */
const NEXT: Record<LoadStatus, readonly LoadEventType[]> = {
  planned: ['picked-up'],
  'picked-up': ['delivered', 'rejected'],
  delivered: [],
  rejected: [],
};

export type EventOutcome = { ok: true; load: Load } | { ok: false; reason: string };

/**
 * Applies a hand-over event; refuses one out of order, a delivery dated before its pickup, a
 * pickup record on a delivery or a delivery record on a pickup.
 */
export function applyLoadEvent(load: Load, event: LoadEvent & { type: LoadEventType }): EventOutcome {
  if (!NEXT[load.status].includes(event.type))
    return { ok: false, reason: `a ${load.status} load cannot be marked ${event.type}` };
  const events = [...load.events, event];
  if (event.type === 'picked-up') {
    if (event.delivery) return { ok: false, reason: 'the charity hand-over is recorded at delivery' };
    const pickup = event.pickup ? { pickup: event.pickup } : {};
    return { ok: true, load: { ...load, status: 'picked-up', pickedUpAt: event.at, events, ...pickup } };
  }
  if (event.pickup)
    return { ok: false, reason: 'the date marking and donor hand-over are recorded at pickup' };
  if (load.pickedUpAt !== null && event.at <= load.pickedUpAt)
    return { ok: false, reason: 'delivery must come after pickup' };
  // A refusal at reception is a rejection, whichever button was used.
  const status = event.type === 'rejected' || event.reception?.accepted === false ? 'rejected' : 'delivered';
  const delivery = event.delivery ? { delivery: event.delivery } : {};
  return {
    ok: true,
    load: { ...load, status, deliveredAt: event.at, reception: event.reception ?? null, events, ...delivery },
  };
}

/** A load is on board between pickup and delivery: then it sets its compartment's alert limit. */
export function isOnBoard(load: Pick<Load, 'status'>): boolean {
  return load.status === 'picked-up';
}
