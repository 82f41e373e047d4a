import type { Lang } from './lang.ts';

/**
 * Dutch names of the default product profiles (core/product-profiles.ts), as the Dutch text
 * of Reg. (EC) 853/2004 and Directive 89/108/EEC name the foods. A profile names itself in
 * French and English only: that pair is part of every signed certificate's body
 * (core/compliance/compliance-report.ts), so adding a language there would change the
 * document. The Dutch name is therefore the page's and the rendering's, keyed by profile id.
 */
const DUTCH: Readonly<Record<string, string>> = {
  'fresh-meat': 'Vers vlees (hoefdieren)',
  poultry: 'Gevogelte, konijn, wild',
  offal: 'Slachtafval',
  'minced-meat': 'Gehakt vlees',
  'meat-preparations': 'Vleesbereidingen',
  dairy: 'Verse zuivelproducten, gepasteuriseerde melk, vleesproducten',
  chilled: 'Andere gekoelde levensmiddelen',
  frozen: 'Diepgevroren levensmiddelen',
  ambient: 'Niet-gekoelde levensmiddelen',
};

/** A product profile's name in the reader's language; a profile of an installation's own, which has no Dutch name, reads in English. */
export function productNameIn(profile: { id: string; name: { fr: string; en: string } }, lang: Lang): string {
  if (lang !== 'nl') return profile.name[lang];
  return DUTCH[profile.id] ?? profile.name.en;
}

/** The ids this file names in Dutch (product-name.test.ts checks every default profile has one). */
export const DUTCH_PRODUCT_IDS: readonly string[] = Object.keys(DUTCH);
