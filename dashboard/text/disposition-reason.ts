import type { DispositionAnswer } from '../../core/compliance/disposition.ts';
import type { Lang } from './lang.ts';

/**
 * The reasons of the rule set `givre-disposition/1` in Dutch, by rule id: the certificate signs
 * them in French and English (core/compliance/disposition-rules.ts); a Dutch reader is shown
 * this translation of the same words. FAVV for the agency, « te gebruiken tot » (TGT) and
 * « ten minste houdbaar tot » (THT) as Dutch labels print them.
 */
export const DUTCH_REASONS: Readonly<Record<string, string>> = Object.freeze({
  'cold-chain-broken':
    'Niet uitdelen: het certificaat toont dat de koudeketen tijdens het vervoer werd onderbroken (te lang boven de limiet).',
  'use-by-carried-ambient':
    'Niet uitdelen: een product ‘te gebruiken tot’ moet koud blijven, en deze lading reisde zonder temperatuurlimiet.',
  'use-by-passed':
    'Niet uitdelen: de datum ‘te gebruiken tot’ is verstreken; het product wordt als onveilig beschouwd.',
  'use-by-frozen-too-late':
    'Niet uitdelen: de schenker heeft het na de datum ‘te gebruiken tot’ ingevroren; invriezen maakt een vervallen product niet veilig.',
  'use-by-frozen-without-date':
    'Niet uitdelen: een product ‘te gebruiken tot’, diepgevroren vervoerd zonder genoteerde invriesdatum; niets toont dat het op tijd werd ingevroren.',
  'best-before-passed-perishable':
    'Niet uitdelen: voor gekoelde producten (vlees, vis, zuivel) vraagt het FAVV de datum ‘ten minste houdbaar tot’ niet te overschrijden.',
  'best-before-passed-frozen-over-a-year':
    'Niet uitdelen: de datum ‘ten minste houdbaar tot’ van dit diepvriesproduct is meer dan een jaar verstreken.',
  'best-before-passed-ambient-over-two-months':
    'Niet uitdelen zonder advies: de datum ‘ten minste houdbaar tot’ is meer dan twee maanden verstreken. Het FAVV laat dat toe voor zeer lang houdbare producten (conserven, droge pasta, rijst, koffie, suiker), maar Givre kent het product niet: een verantwoordelijke oordeelt op basis van het etiket.',
  'use-by-frozen-thawing':
    'Vandaag uitdelen: ingevroren door de schenker maar gekoeld vervoerd, het ontdooit. Binnen 24 uur op te eten, nooit opnieuw invriezen.',
  'record-incomplete':
    'Eerst en vóór de datum uitdelen, zonder het voor later in te vriezen: er is geen overschrijding bewezen, maar een deel van de rit heeft geen registratie. Controleer de temperatuur van het product bij de ontvangst.',
  'use-by-frozen-by-donor':
    'Diepgevroren uitdelen: de schenker heeft het uiterlijk op de datum ‘te gebruiken tot’ ingevroren. Bewaar de vermelding ‘ingevroren op …’; eenmaal ontdooid binnen 24 uur op te eten, nooit opnieuw invriezen.',
  'use-by-today-freeze':
    'Vandaag is de datum ‘te gebruiken tot’: vandaag uitdelen om vandaag op te eten, of vandaag invriezen (−18 °C) voor later, gemarkeerd ‘ingevroren op’ met de datum van vandaag. Morgen mag het niet meer worden uitgedeeld.',
  'use-by-soon': 'Eerst uitdelen: de datum ‘te gebruiken tot’ valt over een of twee dagen.',
  'use-by-ahead': 'Uitdelen: de datum ‘te gebruiken tot’ valt over drie dagen of meer. Gekoeld bewaren.',
  'best-before-passed-frozen':
    'Mag worden uitgedeeld: voor een diepvriesproduct is ‘ten minste houdbaar tot’ een kwaliteitsdatum; het FAVV laat tot een jaar daarna toe, verpakking intact en nooit ontdooid.',
  'best-before-passed-ambient':
    'Eerst uitdelen, na controle: minder dan twee maanden na de datum ‘ten minste houdbaar tot’. Verpakking intact; niet voor brood, waarvan de datum te respecteren is.',
  'best-before-ahead': 'Uitdelen: de datum ‘ten minste houdbaar tot’ is niet verstreken.',
  'no-rule-applies':
    'Niet uitdelen voordat een verantwoordelijke het heeft bekeken: geen enkele regel dekt dit geval.',
});

/**
 * Why, in the reader's language: the signed French or English reason; in Dutch its translation
 * by rule id, or the signed French one for a rule this table does not know (a rule set of an
 * installation's own).
 */
export function dispositionReasonIn(answer: Pick<DispositionAnswer, 'rule' | 'reason'>, lang: Lang): string {
  if (lang === 'nl') return DUTCH_REASONS[answer.rule.id] ?? answer.reason.fr;
  return answer.reason[lang];
}

/** `YYYY-MM-DD` as the three languages write a day on a label: `12/03/2026`. */
export const labelDay = (day: string): string => day.split('-').reverse().join('/');

/** TIME_OUT_OF_COLD_BUDGET_SOURCE in Dutch (the certificate quotes the French or English one). */
export const DUTCH_BUDGET_SOURCE =
  'Eigen regel van het netwerk: Verord. (EG) 852/2004, bijlage II, hoofdstuk IX, punt 5, staat korte periodes buiten de temperatuurbeheersing toe zonder de duur ervan vast te leggen.';
