import type { Lang } from './lang.ts';

/**
 * The legal source of a profile in the reader's language. Profiles quote their sources in
 * English (core/product-profiles.ts, and so the signed certificates); a French page cites the
 * same texts as the Journal officiel and the Moniteur belge name them.
 */
export function legalSourceIn(source: string, lang: Lang): string {
  if (lang !== 'fr') return source;
  return source
    .replace(/Reg\. \(EC\)/g, 'Règl. (CE)')
    .replace(/Directive (\S+)\/EEC/g, 'directive $1/CEE')
    .replace(/Royal Decree of 13 July 2014/g, 'arrêté royal du 13 juillet 2014')
    .replace(/,? Annex (\w+)/g, ', annexe $1')
    .replace(/\(or the temperature on the label\)/g, '(ou la température indiquée sur l’étiquette)')
    .replace(/; /g, ' ; ');
}
