import type { ProductProfile } from '../../core/product-profiles.ts';
import { TEXT } from '../text/catalogue.ts';
import { formatCelsius } from '../text/format.ts';
import type { Lang } from '../text/lang.ts';
import { productNameIn } from '../text/product-name.ts';
import { legalSourceIn } from '../text/legal-source.ts';

/** As the law writes a limit, with the minus sign of print: "4 °C", "−18 °C". */
const celsius = (n: number, lang: Lang) => formatCelsius(n, lang, { precision: 'limit', minusSign: true });

/** A profile's limit in words: "4 °C au plus", "−18 °C au plus (−15 °C tolérés brièvement)", "sans limite…". */
export function profileLimit(p: ProductProfile, lang: Lang): string {
  const t = TEXT[lang].loadForm;
  if (p.maxCelsius === null) return t.noLimit;
  if (p.toleranceCelsius === null) return t.atMost(celsius(p.maxCelsius, lang));
  return t.tolerated(celsius(p.maxCelsius, lang), celsius(p.toleranceCelsius, lang));
}

/** The option text of a profile in the load form: its name, limit and legal source. */
export function profileChoice(p: ProductProfile, lang: Lang): string {
  const source = p.legalSource === '—' ? '' : ` — ${legalSourceIn(p.legalSource, lang)}`;
  return `${productNameIn(p, lang)} — ${profileLimit(p, lang)}${source}`;
}

/** A profile's name for lists; the id only for a profile this installation no longer has. */
export function profileName(profiles: readonly ProductProfile[], id: string, lang: Lang): string {
  const found = profiles.find((p) => p.id === id);
  return found ? productNameIn(found, lang) : id;
}
