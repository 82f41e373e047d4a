import { z } from 'zod';
import { Disposition } from '../compliance/disposition-rule.ts';
import type { DispositionAnswer } from '../compliance/disposition.ts';
import type { TimeOutOfCold } from '../compliance/time-out-of-cold.ts';
import { CalendarDay } from '../loads/calendar-day.ts';

/** A load's time out of cold as its certificate signed it (`TimeOutOfCold`), for the pages to parse. */
export const TimeOutOfColdAnswer = z.strictObject({
  donorHandOver: z.strictObject({ minutes: z.number().nullable() }),
  doorOpenings: z.strictObject({ minutes: z.number().nullable(), count: z.number().int().nullable() }),
  charityHandOver: z.strictObject({ minutes: z.number().nullable() }),
  knownMinutes: z.number(),
  complete: z.boolean(),
  budgetMinutes: z.number().nullable(),
  standing: z.enum(['within', 'over', 'undetermined', 'not-applicable']),
});

/** The disposition as its certificate signed it (`DispositionAnswer`). */
export const DispositionAnswerSchema = z.strictObject({
  disposition: Disposition,
  rule: z.strictObject({ id: z.string(), version: z.number(), source: z.string(), ruleSet: z.string() }),
  reason: z.strictObject({ fr: z.string(), en: z.string() }),
  deliveryDay: CalendarDay,
  daysLeft: z.number().int(),
  freezeOn: CalendarDay.optional(),
});

// The schemas say exactly what core computes: this fails to compile if either drifts.
const _sameTime: [z.infer<typeof TimeOutOfColdAnswer>, TimeOutOfCold] extends [
  TimeOutOfCold,
  z.infer<typeof TimeOutOfColdAnswer>,
]
  ? true
  : false = true;
const _sameDisposition: [z.infer<typeof DispositionAnswerSchema>, DispositionAnswer] extends [
  DispositionAnswer,
  z.infer<typeof DispositionAnswerSchema>,
]
  ? true
  : false = true;

/**
 * What the association's page shows of a delivered load (issue 16), from its current
 * certificate: absent when the certificate was signed before issue 16 (or there is none yet);
 * `disposition` absent when no date marking was recorded at pickup.
 */
export const ColdChainAnswer = z.strictObject({
  timeOutOfCold: TimeOutOfColdAnswer,
  disposition: DispositionAnswerSchema.optional(),
});
export type ColdChainAnswer = z.infer<typeof ColdChainAnswer>;
