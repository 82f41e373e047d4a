import type { VanState } from '../../core/van-state.ts';
import { TEXT } from '../text/catalogue.ts';
import { formatDuration } from '../text/format.ts';
import type { Lang } from '../text/lang.ts';
import { el } from './dom.ts';

/**
 * A van's clock in words when ingest has flagged it beyond GIVRE_CLOCK_TOLERANCE_S (issue 13):
 * "Horloge du camion en avance de 10 min". Nothing for a van whose clock is right, or unmeasured.
 */
export function clockNotice(state: VanState, lang: Lang): HTMLElement[] {
  const clock = state.clock;
  if (!clock?.flagged) return [];
  const t = TEXT[lang].fleet.clock;
  const by = formatDuration(Math.abs(clock.offsetMs));
  const text = clock.offsetMs > 0 ? t.ahead(by) : t.behind(by);
  return [el('p', { className: 'van__clock', testId: `clock-${state.van}` }, text)];
}
