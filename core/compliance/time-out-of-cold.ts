import { z } from 'zod';
import type { ProductProfile } from '../product-profiles.ts';
import { clipAndMerge, type Interval } from './door-intervals.ts';

const MIN = 60_000;

/**
 * How long a load may spend out of refrigeration, minutes, by kind of product. Reg. (EC)
 * 852/2004 Annex II chapter IX point 5 allows "limited periods outside temperature control"
 * for handling and transport as long as they do not put health at risk, and gives no figure;
 * nor does the AFSCA/FAVV circular on food donation as far as we could read it. The defaults
 * are therefore the network's own rule: 30 min for chilled food (the same as the alert rules'
 * cumulative budget for time above the limit), 15 min for quick-frozen food (its surface
 * warms past −15 °C, the transport tolerance of Directive 89/108/EEC, well before its core).
 * An installation may set others; certificates quote the figure used.
 */
export const TimeOutOfColdBudget = z.strictObject({
  chilledMinutes: z.number().int().min(0).max(240),
  frozenMinutes: z.number().int().min(0).max(240),
});
export type TimeOutOfColdBudget = z.infer<typeof TimeOutOfColdBudget>;

export const DEFAULT_TIME_OUT_OF_COLD_BUDGET: TimeOutOfColdBudget = Object.freeze({
  chilledMinutes: 30,
  frozenMinutes: 15,
});

/** Where the budget comes from, as the certificate and the README say it. */
export const TIME_OUT_OF_COLD_BUDGET_SOURCE = Object.freeze({
  fr: 'Règle propre au réseau : le Règl. (CE) 852/2004, annexe II, chap. IX, point 5, admet de courtes périodes hors du froid sans en fixer la durée.',
  en: "The network's own rule: Reg. (EC) 852/2004 Annex II chapter IX point 5 allows limited periods outside temperature control without setting their length.",
});

export interface TimeOutOfColdInput {
  /** The load on board: pickup → delivery, ms since 1970 UTC. */
  period: Interval;
  /**
   * The compartment's door-open intervals (`doorOpenIntervals`), any that overlap the period;
   * `undefined` when the compartment has no door sensor, so nothing says whether it opened.
   */
  doorOpen: readonly Interval[] | undefined;
  /** Minutes the driver recorded from the donor's back room to the van; `undefined`: not recorded. */
  donorHandOverMinutes: number | undefined;
  /** Minutes the driver recorded from the van to the charity's fridge; `undefined`: not recorded. */
  charityHandOverMinutes: number | undefined;
}

/**
 * - `within`: every part known and the sum not more than the budget (exactly the budget is within);
 * - `over`: the known parts alone are more than the budget;
 * - `undetermined`: the known parts are within it, but a part is unknown;
 * - `not-applicable`: ambient goods, which have no cold chain to leave.
 */
export type BudgetStanding = 'within' | 'over' | 'undetermined' | 'not-applicable';

/** A load's time out of cold, minutes, with its parts; `null` is a part nobody recorded (unknown, not zero). */
export interface TimeOutOfCold {
  donorHandOver: { minutes: number | null };
  /** Time the door was open while the load was on board, each instant once; `count`: separate openings. */
  doorOpenings: { minutes: number | null; count: number | null };
  charityHandOver: { minutes: number | null };
  /** The sum of the known parts, minutes (door time to the ms: 90 s is 1.5). */
  knownMinutes: number;
  /** Every part is known: `knownMinutes` is the time out of cold; otherwise the time is at least that. */
  complete: boolean;
  /** The budget for the load's kind of product, minutes; `null` for ambient goods. */
  budgetMinutes: number | null;
  standing: BudgetStanding;
}

/** The budget a profile's loads have: frozen, chilled (any limit), or none for ambient goods. */
export function budgetFor(profile: ProductProfile, budget: TimeOutOfColdBudget): number | null {
  if (profile.frozen) return budget.frozenMinutes;
  return profile.maxCelsius === null ? null : budget.chilledMinutes;
}

/**
 * The minutes a load spent unrefrigerated: the hand-over at the donor, the door openings while
 * it was on board, the hand-over at the charity. Pure. The hand-overs are what the driver
 * recorded — a donor's default pre-fills the form but is never assumed here.
 */
export function timeOutOfCold(
  input: TimeOutOfColdInput,
  profile: ProductProfile,
  budget: TimeOutOfColdBudget = DEFAULT_TIME_OUT_OF_COLD_BUDGET,
): TimeOutOfCold {
  const doors = input.doorOpen === undefined ? undefined : clipAndMerge(input.doorOpen, input.period);
  const doorMs = doors?.reduce((sum, i) => sum + (i.to - i.from), 0);
  const knownMs =
    (input.donorHandOverMinutes ?? 0) * MIN + (doorMs ?? 0) + (input.charityHandOverMinutes ?? 0) * MIN;
  const complete =
    input.donorHandOverMinutes !== undefined &&
    doorMs !== undefined &&
    input.charityHandOverMinutes !== undefined;
  const budgetMinutes = budgetFor(profile, budget);
  // Compared in ms, so that door seconds never meet a rounding error at the boundary.
  const standing: BudgetStanding =
    budgetMinutes === null
      ? 'not-applicable'
      : knownMs > budgetMinutes * MIN
        ? 'over'
        : complete
          ? 'within'
          : 'undetermined';
  return {
    donorHandOver: { minutes: input.donorHandOverMinutes ?? null },
    doorOpenings: { minutes: doorMs === undefined ? null : doorMs / MIN, count: doors?.length ?? null },
    charityHandOver: { minutes: input.charityHandOverMinutes ?? null },
    knownMinutes: knownMs / MIN,
    complete,
    budgetMinutes,
    standing,
  };
}
