import type { ProductProfile } from '../../core/product-profiles.ts';
import type { Lang } from './i18n.ts';

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

const celsius = (n: number, lang: Lang) =>
  `${n.toLocaleString(lang === 'fr' ? 'fr-BE' : 'en-GB').replace('-', '−')} °C`;

/** A profile's limit in words: "4 °C au plus", "−18 °C (−15 °C toléré brièvement)", "sans limite". */
export function profileLimit(p: ProductProfile, lang: Lang): string {
  const fr = lang === 'fr';
  if (p.maxCelsius === null) return fr ? 'sans limite de température' : 'no temperature limit';
  const max = fr ? `${celsius(p.maxCelsius, lang)} au plus` : `at most ${celsius(p.maxCelsius, lang)}`;
  if (p.toleranceCelsius === null) return max;
  const brief = celsius(p.toleranceCelsius, lang);
  return fr ? `${max} (${brief} tolérés brièvement)` : `${max} (${brief} briefly tolerated)`;
}

/** The option text of a profile in the load form: its name, limit and legal source. */
export function profileChoice(p: ProductProfile, lang: Lang): string {
  const source = p.legalSource === '—' ? '' : ` — ${legalSourceIn(p.legalSource, lang)}`;
  return `${p.name[lang]} — ${profileLimit(p, lang)}${source}`;
}

/** A profile's name for lists; the id only for a profile this installation no longer has. */
export function profileName(profiles: readonly ProductProfile[], id: string, lang: Lang): string {
  return profiles.find((p) => p.id === id)?.name[lang] ?? id;
}
