import type { Lang } from './lang.ts';

/**
 * How each language cites the texts the profiles quote in English: French as the Journal
 * officiel and the Moniteur belge name them, Dutch as the Publicatieblad and the Belgisch
 * Staatsblad do (« Verord. (EG) », « richtlijn …/EEG », « koninklijk besluit », « bijlage »).
 * The food agency keeps its bilingual name AFSCA/FAVV. Applied in order.
 */
const CITATIONS: Readonly<Record<Lang, ReadonlyArray<readonly [RegExp, string]>>> = {
  en: [],
  fr: [
    [/Reg\. \(EC\)/g, 'Règl. (CE)'],
    [/Directive (\S+)\/EEC/g, 'directive $1/CEE'],
    [/Royal Decree of 13 July 2014/g, 'arrêté royal du 13 juillet 2014'],
    [/,? Annex (\w+)/g, ', annexe $1'],
    [/\(or the temperature on the label\)/g, '(ou la température indiquée sur l’étiquette)'],
    [/; /g, ' ; '],
  ],
  nl: [
    [/Reg\. \(EC\)/g, 'Verord. (EG)'],
    [/Directive (\S+)\/EEC/g, 'richtlijn $1/EEG'],
    [/Royal Decree of 13 July 2014/g, 'koninklijk besluit van 13 juli 2014'],
    [/,? Annex (\w+)/g, ', bijlage $1'],
    [/ section (\w+)/g, ', sectie $1'],
    [/\(or the temperature on the label\)/g, '(of de temperatuur op het etiket)'],
  ],
};

/**
 * The legal source of a profile in the reader's language. Profiles quote their sources in
 * English (core/product-profiles.ts, and so the signed certificates).
 */
export function legalSourceIn(source: string, lang: Lang): string {
  return CITATIONS[lang].reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), source);
}
