import { calendarDayOf, daysBetween, type CalendarDay } from '../loads/calendar-day.ts';
import type { DateMarking } from '../loads/date-marking.ts';
import type { ProductProfile } from '../product-profiles.ts';
import type { Verdict } from './compliance-report.ts';
import {
  conditionHolds,
  type Disposition,
  type DispositionFacts,
  type DispositionRule,
  type ProductClass,
} from './disposition-rule.ts';
import { DISPOSITION_RULE_SET_VERSION, DISPOSITION_RULES } from './disposition-rules.ts';

export interface DispositionInput {
  /** The load's date marking, as recorded at pickup (a load without one has no disposition). */
  marking: DateMarking;
  /** The delivery, ms since 1970 UTC; its calendar day in Brussels is what counts. */
  deliveredAt: number;
  /** The load's product profile: frozen, chilled or ambient. */
  profile: Pick<ProductProfile, 'frozen' | 'maxCelsius'>;
  /** The certificate's verdict on the cold chain (`ComplianceReport.verdict`). */
  verdict: Verdict;
}

export interface DispositionAnswer {
  disposition: Disposition;
  /** The rule that decided, with its legal source; `ruleSet` is the version of the whole set. */
  rule: { id: string; version: number; source: string; ruleSet: string };
  /** Why, said plainly to a volunteer. */
  reason: { fr: string; en: string };
  /** The delivery's calendar day in Brussels, and whole days from it to the marked date (0: that day). */
  deliveryDay: CalendarDay;
  daysLeft: number;
  /** `freeze-today`: the day to write after « congelé le » (the delivery day). */
  freezeOn?: CalendarDay;
}

/** The answer when no rule of the set applies: the safe one, said as such. */
const NO_RULE: DispositionRule = {
  id: 'no-rule-applies',
  version: 1,
  when: {},
  disposition: 'do-not-distribute',
  source: 'None: the rule set in force has no rule for this case',
  reason: {
    fr: "Ne pas distribuer avant l'avis d'un responsable : aucune règle ne couvre ce cas.",
    en: 'Do not distribute before someone in charge has looked: no rule covers this case.',
  },
};

export function productClassOf(profile: Pick<ProductProfile, 'frozen' | 'maxCelsius'>): ProductClass {
  if (profile.frozen) return 'frozen';
  return profile.maxCelsius === null ? 'ambient' : 'chilled';
}

/**
 * What the charity may do with a load at delivery (issue 16): distribute, distribute quickly,
 * freeze today, or do not distribute — decided by the first rule of `rules` whose condition
 * holds (DISPOSITION_RULES, README "Time out of cold and what the charity may do with a
 * load"). Pure; the day is the delivery's in Brussels, whatever the server's zone.
 */
export function dispose(
  input: DispositionInput,
  rules: readonly DispositionRule[] = DISPOSITION_RULES,
  ruleSet = DISPOSITION_RULE_SET_VERSION,
): DispositionAnswer {
  const deliveryDay = calendarDayOf(input.deliveredAt);
  const { marking } = input;
  const facts: DispositionFacts = {
    verdict: input.verdict,
    kind: marking.kind,
    product: productClassOf(input.profile),
    frozenByDonor: marking.frozenByDonor,
    frozenAfterDate: marking.frozenOn !== undefined && marking.frozenOn > marking.date,
    daysLeft: daysBetween(deliveryDay, marking.date),
  };
  // The default rules cover every case (disposition.test.ts walks them all); a rule set of an
  // installation's own that leaves a gap gets the safe answer, never a guess.
  const rule = rules.find((r) => conditionHolds(r.when, facts)) ?? NO_RULE;
  return {
    disposition: rule.disposition,
    rule: { id: rule.id, version: rule.version, source: rule.source, ruleSet },
    reason: rule.reason,
    deliveryDay,
    daysLeft: facts.daysLeft,
    ...(rule.disposition === 'freeze-today' ? { freezeOn: deliveryDay } : {}),
  };
}
