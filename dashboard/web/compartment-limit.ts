import { DEFAULT_PROFILES, findProfile } from '../../core/product-profiles.ts';
import type { LimitInForce } from '../../core/van-state.ts';
import { TEXT } from '../text/catalogue.ts';
import { formatLimit } from '../text/format.ts';
import type { Lang } from '../text/lang.ts';
import { productNameIn } from '../text/product-name.ts';

/**
 * How a compartment's temperature stands against the limit in force that ingest sends
 * with the van state (issue 9). Only a highlight: alerts are decided by the server, never
 * the browser; this follows the same comparisons as core/alerts/compartment-rules.ts so
 * that the page and the alert agree.
 *
 * - `warm`: above `maxCelsius` (strictly: a reading exactly at the limit is within it), as
 *   the excursion rule counts it (it raises after a delay).
 * - `critical`: frozen goods above their transport tolerance (`toleranceCelsius`, −15 °C,
 *   Directive 89/108/EEC), where the severe alert rises at once. Chilled goods have only
 *   `warm`: their severe threshold is a server setting plus a delay, not guessed here.
 * - `ok`: within the limit, no reading yet, no limit (`maxCelsius: null`, ambient), or no
 *   limit known yet (`limit: null` until ingest has said).
 */
export type Warmth = 'ok' | 'warm' | 'critical';

export function warmthOf(limit: LimitInForce | null, celsius: number | null): Warmth {
  if (limit === null || limit.maxCelsius === null || celsius === null) return 'ok';
  if (limit.toleranceCelsius !== null && celsius > limit.toleranceCelsius) return 'critical';
  return celsius > limit.maxCelsius ? 'warm' : 'ok';
}

/**
 * The limit in words, e.g. "limite 2 °C · Viande hachée (2 chargements à bord)" or
 * "limite 7 °C · Autres denrées réfrigérées (par défaut)". Profile names come from
 * DEFAULT_PROFILES; a profile it does not know (an installation's own) is left unnamed
 * rather than shown by its id.
 */
export function describeLimit(limit: LimitInForce, lang: Lang): string {
  const t = TEXT[lang].fleet;
  const max = TEXT[lang].common.limit;
  const bound =
    limit.maxCelsius === null
      ? t.noLimit
      : limit.toleranceCelsius === null
        ? `${max} ${formatLimit(limit.maxCelsius, lang)}`
        : `${max} ${formatLimit(limit.maxCelsius, lang)}, ${t.tolerance} ${formatLimit(limit.toleranceCelsius, lang)}`;
  const origin = limit.source === 'loads' ? t.loadsOnBoard(limit.loads.length) : t.byDefault;
  const profile = limit.profile === null ? undefined : findProfile(DEFAULT_PROFILES, limit.profile);
  const name = profile && productNameIn(profile, lang);
  if (name !== undefined) return `${bound} · ${name} (${origin})`;
  // No profile at all on a default compartment: the bound says everything.
  if (limit.profile === null && limit.source === 'default') return bound;
  return `${bound} · ${origin}`;
}
