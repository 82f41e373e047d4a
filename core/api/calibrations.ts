import { z } from 'zod';

/**
 * `/api/vans/{van}/calibrations` and `/api/fleet/calibrations` (issue 16, EN 13486): the
 * recorder evidence of each van, as the admin page and the fleet page read it.
 */

/** A calendar day as `<input type="date">` gives it, and a real one (no 31 February). */
export const CalendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((d) => {
    const t = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
  }, 'not a calendar date');

/** `recorder`, or a sensor id as the van reports it (`T1`, `REAR`): the contract's sensor id characters. */
export const CalibrationTarget = z
  .string()
  .min(1, 'required')
  .max(32, 'at most 32 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - or _ only');

const Text = (max: number) => z.string().trim().min(1, 'required').max(max, `at most ${max} characters`);

/** `POST /api/vans/{van}/calibrations`: a verification or calibration as an admin enters it. */
export const NewCalibrationBody = z
  .strictObject({
    target: CalibrationTarget,
    verifiedOn: CalendarDay,
    laboratory: Text(200),
    reference: Text(100),
    nextDueOn: CalendarDay,
  })
  .refine((b) => b.nextDueOn > b.verifiedOn, {
    path: ['nextDueOn'],
    message: 'must be after the verification date',
  });
export type NewCalibrationBody = z.infer<typeof NewCalibrationBody>;

export const CalibrationStanding = z.enum(['valid', 'due-soon', 'overdue', 'unknown']);

export const CalibrationRecordSchema = z.strictObject({
  id: z.string(),
  van: z.string(),
  target: z.string(),
  verifiedOn: z.string(),
  laboratory: z.string(),
  reference: z.string(),
  nextDueOn: z.string(),
  enteredBy: z.string(),
  /** Wall time, ms. */
  enteredAt: z.number(),
});

/** `GET /api/vans/{van}/calibrations`: the van's standing now, the records in force, and the whole history (oldest first). */
export const VanCalibrations = z.strictObject({
  van: z.string(),
  standing: CalibrationStanding,
  nextDueOn: z.string().nullable(),
  inForce: z.array(CalibrationRecordSchema),
  history: z.array(CalibrationRecordSchema),
});
export type VanCalibrations = z.infer<typeof VanCalibrations>;

/** `GET /api/fleet/calibrations`: each visible van's standing now (a van not listed has nothing on record). */
export const FleetCalibrations = z.array(
  z.strictObject({ van: z.string(), standing: CalibrationStanding, nextDueOn: z.string().nullable() }),
);
export type FleetCalibrations = z.infer<typeof FleetCalibrations>;
