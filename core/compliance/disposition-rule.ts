import { z } from 'zod';
import { DateMarkingKind } from '../loads/date-marking.ts';
import type { Verdict } from './compliance-report.ts';

/** What the charity may do with a load at delivery (issue 16). */
export const Disposition = z.enum(['distribute', 'distribute-quickly', 'freeze-today', 'do-not-distribute']);
export type Disposition = z.infer<typeof Disposition>;

/** The certificate's verdict, as `evaluateLoad` states it. */
const VerdictValue = z.enum([
  'compliant',
  'non-compliant',
  'incomplete',
] as const satisfies readonly Verdict[]);
// …and every one of them: this fails to compile if the report gains a verdict the rules cannot name.
const _everyVerdict: Verdict extends z.infer<typeof VerdictValue> ? true : false = true;

/**
 * How the load travelled, from its product profile: `frozen` (a frozen profile), `ambient`
 * (no temperature limit), else `chilled`.
 */
export const ProductClass = z.enum(['chilled', 'frozen', 'ambient']);
export type ProductClass = z.infer<typeof ProductClass>;

/**
 * When a rule applies: every field given must hold, an absent one holds whatever the value.
 * `daysLeft` is whole calendar days from the delivery day (Brussels) to the marked date: 0 on
 * the date itself, 1 the day before it, −1 the day after; `min` and `max` are inclusive.
 */
export const DispositionCondition = z.strictObject({
  verdict: z.array(VerdictValue).min(1).optional(),
  kind: DateMarkingKind.optional(),
  product: z.array(ProductClass).min(1).optional(),
  frozenByDonor: z.boolean().optional(),
  /** The donor's freezing day is after the marked date. */
  frozenAfterDate: z.boolean().optional(),
  daysLeft: z.strictObject({ min: z.number().int().optional(), max: z.number().int().optional() }).optional(),
});
export type DispositionCondition = z.infer<typeof DispositionCondition>;

/**
 * One rule of the disposition rule set: data, with the legal source it applies (document and
 * paragraph, or "paragraph not confirmed", or "the network's own rule") and the reason said
 * plainly to a volunteer, in French and English. `version` goes up whenever the rule's
 * condition, disposition or reason changes; the rule set's version with it.
 */
export const DispositionRule = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,60}$/),
  version: z.number().int().min(1),
  when: DispositionCondition,
  disposition: Disposition,
  source: z.string().min(1),
  reason: z.strictObject({ fr: z.string().min(1), en: z.string().min(1) }),
});
export type DispositionRule = z.infer<typeof DispositionRule>;

/** The facts a condition is matched against. */
export interface DispositionFacts {
  verdict: Verdict;
  kind: z.infer<typeof DateMarkingKind>;
  product: ProductClass;
  frozenByDonor: boolean;
  frozenAfterDate: boolean;
  daysLeft: number;
}

export function conditionHolds(when: DispositionCondition, f: DispositionFacts): boolean {
  return (
    (when.verdict === undefined || when.verdict.includes(f.verdict)) &&
    (when.kind === undefined || when.kind === f.kind) &&
    (when.product === undefined || when.product.includes(f.product)) &&
    (when.frozenByDonor === undefined || when.frozenByDonor === f.frozenByDonor) &&
    (when.frozenAfterDate === undefined || when.frozenAfterDate === f.frozenAfterDate) &&
    (when.daysLeft?.min === undefined || f.daysLeft >= when.daysLeft.min) &&
    (when.daysLeft?.max === undefined || f.daysLeft <= when.daysLeft.max)
  );
}
