import { z } from 'zod';
import { CalendarDay } from './calendar-day.ts';

/**
 * The two dates a prepacked food's label may carry (Reg. (EU) 1169/2011 art. 24 and Annex X):
 * - `use-by` — « à consommer jusqu'au » (DLC): a safety date, for microbiologically highly
 *   perishable food; after it the food is deemed unsafe;
 * - `best-before` — « à consommer de préférence avant » (DDM): a quality date.
 */
export const DateMarkingKind = z.enum(['use-by', 'best-before']);
export type DateMarkingKind = z.infer<typeof DateMarkingKind>;

/**
 * The date marking of a load as the driver (or the coordinator) reads it on the labels at
 * pickup (issue 16): which date, the day printed (in Brussels), and whether the donor froze
 * the product — then the day it was frozen (« produit congelé le », Reg. (EU) 1169/2011
 * Annex III point 6 and Annex X point 3), which the disposition rules need. A load of
 * several products is marked with the earliest date among them.
 */
export const DateMarking = z
  .strictObject({
    kind: DateMarkingKind,
    date: CalendarDay,
    frozenByDonor: z.boolean(),
    /** The day the donor froze it; required when `frozenByDonor`, refused otherwise. */
    frozenOn: CalendarDay.optional(),
  })
  .refine((m) => m.frozenByDonor === (m.frozenOn !== undefined), {
    message: 'frozenOn: the freezing day is given exactly when the donor froze the product',
    path: ['frozenOn'],
  });
export type DateMarking = z.infer<typeof DateMarking>;

/**
 * Minutes a load spends out of refrigeration at one hand-over, as the driver enters them: a
 * whole number from 0 to 240 (four hours: beyond that it is not a hand-over but a broken
 * chain, to be recorded as such).
 */
export const HandOverMinutes = z.number().int().min(0).max(240);

/**
 * What the driver records at pickup, on the `picked-up` event: the date marking, and the
 * minutes from the donor's back room to the van. Each part is optional: a load picked up
 * before issue 16, or by a driver who skipped it, has none — and then each is unknown, never
 * taken as zero.
 */
export const PickupRecord = z.strictObject({
  marking: DateMarking.optional(),
  donorHandOverMinutes: HandOverMinutes.optional(),
});
export type PickupRecord = z.infer<typeof PickupRecord>;

/** What the driver records at delivery: the minutes from the van to the charity's fridge (optional). */
export const DeliveryRecord = z.strictObject({
  charityHandOverMinutes: HandOverMinutes.optional(),
});
export type DeliveryRecord = z.infer<typeof DeliveryRecord>;
