import { el } from './dom.ts';
import { SHOW, type FleetFilter } from './fleet-filter.ts';
import { TEXT } from '../text/catalogue.ts';
import type { Lang } from '../text/lang.ts';

export interface FleetFilterBar {
  node: HTMLElement;
  /** Redraws the labels in `lang` and the count; the controls (and what is being typed) stay. */
  render(lang: Lang, counts: { shown: number; total: number }): void;
}

/**
 * The fleet's filters (issue 12), built by the page script: what to show, and a search by
 * van, each with its label. Every change is reported at once (no submit button).
 */
export function createFleetFilterBar(
  initial: FleetFilter,
  onChange: (f: FleetFilter) => void,
): FleetFilterBar {
  const form = el('form', { className: 'afilters fleetbar', testId: 'fleet-filters' });
  form.setAttribute('role', 'search');
  const show = el('select', { testId: 'filter-show' });
  for (const value of SHOW) {
    const o = el('option');
    o.value = value;
    show.append(o);
  }
  show.value = initial.show;
  const q = el('input', { testId: 'filter-q' });
  q.type = 'search';
  q.value = initial.q;
  q.maxLength = 40;
  q.autocomplete = 'off';
  const showLabel = el('label', {});
  const qLabel = el('label', {});
  const showText = el('span');
  const qText = el('span');
  showLabel.append(showText, show);
  qLabel.append(qText, q);
  const count = el('p', { className: 'fleetbar__count', testId: 'fleet-count' });
  count.setAttribute('aria-live', 'polite');
  form.append(showLabel, qLabel, count);
  const report = () => onChange({ show: show.value as FleetFilter['show'], q: q.value.trim() });
  show.addEventListener('change', report);
  q.addEventListener('input', report);
  form.addEventListener('submit', (ev) => ev.preventDefault());

  return {
    node: form,
    render(lang, counts) {
      const t = TEXT[lang].fleet;
      form.setAttribute('aria-label', t.filters);
      showText.textContent = t.show;
      qText.textContent = t.search;
      q.placeholder = t.searchHint;
      SHOW.forEach((value, i) => (show.options[i]!.textContent = t.shows[value]));
      count.textContent = t.count(counts.shown, counts.total);
    },
  };
}
