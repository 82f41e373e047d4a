import { el } from './dom.ts';
import { TEXT } from '../text/catalogue.ts';
import type { Lang } from '../text/lang.ts';
import { msToWallTime, PRESETS, presetRange, wallTimeToMs, type VanRange } from './van-range.ts';

/**
 * The van page's range bar: the presets (pressed one marked for screen readers too), the
 * custom range's two labelled `datetime-local` fields read as Brussels time, and the CSV
 * export of what is shown.
 */
export function renderRangeControls(o: {
  van: string;
  lang: Lang;
  range: VanRange;
  onRange: (range: VanRange) => void;
}): HTMLElement {
  const { van, lang, range: r, onRange } = o;
  const w = TEXT[lang].common;
  const t = TEXT[lang].vanPage;
  const group = el('div', { className: 'vrange__presets', testId: 'range-presets' });
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', t.range);
  for (const p of PRESETS) {
    const b = el('button', { className: 'vbtn', testId: `range-${p}` }, t.presets[p]);
    b.type = 'button';
    b.setAttribute('aria-pressed', String(r.choice === p));
    b.addEventListener('click', () => onRange(presetRange(p, Date.now())));
    group.append(b);
  }
  const form = el('form', { className: 'vrange__custom', testId: 'range-custom' });
  const input = (name: 'from' | 'to', value: number) => {
    const field = el('input', { testId: `range-${name}` });
    field.type = 'datetime-local';
    field.id = `range-${name}`;
    field.required = true;
    field.value = msToWallTime(value);
    const label = el('label', {}, w[name]);
    label.htmlFor = field.id;
    return [label, field] as const;
  };
  const [fromLabel, from] = input('from', r.from);
  const [toLabel, to] = input('to', r.to);
  const submit = el('button', { className: 'vbtn', testId: 'range-show' }, t.show);
  submit.type = 'submit';
  const error = el('span', { className: 'vrange__error', testId: 'range-error' });
  error.setAttribute('role', 'alert');
  form.append(el('span', {}, `${t.custom}${w.colon.trimEnd()}`), fromLabel, from, toLabel, to, submit, error);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const a = wallTimeToMs(from.value);
    const b = wallTimeToMs(to.value);
    if (a === undefined || b === undefined || a >= b) return void (error.textContent = t.badRange);
    onRange({ choice: 'custom', from: a, to: b });
  });
  const csv = el('a', { className: 'vbtn', testId: 'csv-export' }, t.csv);
  csv.href = `/api/vans/${encodeURIComponent(van)}/readings.csv?from=${r.from}&to=${r.to}`;
  csv.setAttribute('download', '');
  return el('section', { className: 'vrange', testId: 'range' }, group, form, csv);
}
