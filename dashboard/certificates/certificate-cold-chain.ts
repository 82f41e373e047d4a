import type { CertificateBody } from '../../core/certificates/certificate.ts';
import type { DispositionAnswer } from '../../core/compliance/disposition.ts';
import type { Disposition } from '../../core/compliance/disposition-rule.ts';
import {
  TIME_OUT_OF_COLD_BUDGET_SOURCE,
  type BudgetStanding,
  type TimeOutOfCold,
} from '../../core/compliance/time-out-of-cold.ts';
import type { DateMarking } from '../../core/loads/date-marking.ts';
import { TEXT } from '../text/catalogue.ts';
import { DUTCH_BUDGET_SOURCE, dispositionReasonIn, labelDay } from '../text/disposition-reason.ts';
import { formatDuration } from '../text/format.ts';
import type { Lang } from '../text/lang.ts';

const MIN = 60_000;
const minutes = (m: number) => formatDuration(m * MIN);

export interface TimeOutOfColdFacts {
  /** "20 min", or "au moins 20 min" while a part is unknown. */
  total: string;
  standing: BudgetStanding;
  /** "dans le budget" …, with the budget: "budget 30 min". */
  standingText: string;
  parts: Array<{ part: 'donor' | 'doors' | 'charity'; label: string; value: string }>;
  /** Where the budget comes from (the network's own rule, and why). */
  budgetSource: string;
}

export interface DispositionFacts {
  disposition: Disposition;
  /** « Congeler aujourd’hui ». */
  name: string;
  reason: string;
  /** `freeze-today`: what to write on the pack. */
  freezeOn?: string;
  /** "règle use-by-today-freeze v1 (givre-disposition/1)". */
  rule: string;
  /** The rule's legal source, as the certificate signed it. */
  source: string;
}

/** "À consommer jusqu’au 12/03/2026 (DLC), congelé par le donateur le 10/03/2026". */
export function markingText(m: DateMarking, lang: Lang): string {
  const t = TEXT[lang].coldChain;
  const frozen = m.frozenOn ? `, ${t.frozenText(labelDay(m.frozenOn))}` : '';
  return `${t.kinds[m.kind]} ${labelDay(m.date)} (${t.kindShort[m.kind]})${frozen}`;
}

/** A load's time out of cold with its parts, as the certificate and the association's page say it. */
export function timeOutOfColdFacts(x: TimeOutOfCold, lang: Lang): TimeOutOfColdFacts {
  const t = TEXT[lang].coldChain;
  const part = (m: number | null) => (m === null ? t.unknown : minutes(m));
  const doors =
    x.doorOpenings.minutes === null
      ? t.doorsUnknown
      : `${minutes(x.doorOpenings.minutes)} (${t.doorCount(x.doorOpenings.count ?? 0)})`;
  const budget = x.budgetMinutes === null ? '' : ` — ${t.budget(minutes(x.budgetMinutes))}`;
  return {
    total: x.complete ? minutes(x.knownMinutes) : t.atLeast(minutes(x.knownMinutes)),
    standing: x.standing,
    standingText: `${t.standings[x.standing]}${budget}`,
    parts: [
      { part: 'donor', label: t.parts.donor, value: part(x.donorHandOver.minutes) },
      { part: 'doors', label: t.parts.doors, value: doors },
      { part: 'charity', label: t.parts.charity, value: part(x.charityHandOver.minutes) },
    ],
    budgetSource: lang === 'nl' ? DUTCH_BUDGET_SOURCE : TIME_OUT_OF_COLD_BUDGET_SOURCE[lang],
  };
}

/** What the charity may do with the load, its reason and the rule that decided, in the reader's language. */
export function dispositionFacts(d: DispositionAnswer, lang: Lang): DispositionFacts {
  const t = TEXT[lang].coldChain;
  return {
    disposition: d.disposition,
    name: t.dispositions[d.disposition],
    reason: dispositionReasonIn(d, lang),
    ...(d.freezeOn ? { freezeOn: t.freezeOn(labelDay(d.freezeOn)) } : {}),
    rule: t.rule(d.rule.id, d.rule.version, d.rule.ruleSet),
    // Quoted as signed: the rule set words its sources once, in English.
    source: d.rule.source,
  };
}

export interface ColdChainFacts {
  marking: string | undefined;
  timeOutOfCold: TimeOutOfColdFacts;
  /** `undefined`: no date marking was recorded at pickup (or the load was refused), so no instruction. */
  disposition: DispositionFacts | undefined;
}

/**
 * The certificate's time out of cold and disposition (issue 16), as the HTML and the PDF both
 * word them; `undefined` on a certificate signed before, which stated neither.
 */
export function coldChainFacts(
  c: Pick<CertificateBody, 'load' | 'timeOutOfCold' | 'disposition'>,
  lang: Lang,
): ColdChainFacts | undefined {
  if (!c.timeOutOfCold) return undefined;
  const marking = c.load.pickup?.marking;
  return {
    marking: marking ? markingText(marking, lang) : undefined,
    timeOutOfCold: timeOutOfColdFacts(c.timeOutOfCold, lang),
    disposition: c.disposition ? dispositionFacts(c.disposition, lang) : undefined,
  };
}
