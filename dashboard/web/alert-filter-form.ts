import { AlertKind, AlertSeverity, AlertState } from '../../core/messages.ts';
import { brusselsMidnight } from '../text/brussels-day.ts';
import { TEXT } from '../text/catalogue.ts';
import { capitalise } from '../text/format.ts';
import type { Lang } from '../text/lang.ts';
import type { AlertFilter } from './alert-groups.ts';
import { el } from './dom.ts';

/** The filters as the address bar keeps them (`?van=&state=&severity=&kind=&from=&to=`, days as YYYY-MM-DD). */
export type FilterFields = Partial<Record<'van' | 'state' | 'severity' | 'kind' | 'from' | 'to', string>>;

const FIELDS = ['van', 'state', 'severity', 'kind', 'from', 'to'] as const;

export function fieldsFromSearch(search: string): FilterFields {
  const q = new URLSearchParams(search);
  return Object.fromEntries(FIELDS.flatMap((f) => (q.get(f) ? [[f, q.get(f)!]] : [])));
}

/** The API's filter: a day range in Brussels time, from its first to its last millisecond. */
export function toFilter(f: FilterFields): AlertFilter {
  const out: AlertFilter = {};
  if (f.van) out.van = f.van;
  if (f.state && AlertState.safeParse(f.state).success) out.state = f.state as AlertFilter['state'];
  if (f.severity && AlertSeverity.safeParse(f.severity).success)
    out.severity = f.severity as AlertFilter['severity'];
  if (f.kind && AlertKind.safeParse(f.kind).success) out.kind = f.kind as AlertFilter['kind'];
  const from = f.from ? brusselsMidnight(f.from) : undefined;
  const to = f.to ? brusselsMidnight(f.to, 1) : undefined;
  if (from !== undefined) out.from = from;
  if (to !== undefined) out.to = to - 1;
  return out;
}

function select(
  testId: string,
  label: string,
  anyText: string,
  options: Array<[string, string]>,
  value: string | undefined,
): HTMLElement {
  const s = el('select', { testId });
  s.name = testId.replace('filter-', '');
  for (const [v, text] of [['', anyText] as [string, string], ...options]) {
    const o = el('option', {}, text);
    o.value = v;
    o.selected = v === (value ?? '');
    s.append(o);
  }
  return el('label', {}, label, s);
}

/** The filter bar; `onChange` gets the new fields whenever one changes. Labels on every input. */
export function renderFilterForm(
  fields: FilterFields,
  vans: readonly string[],
  lang: Lang,
  onChange: (fields: FilterFields) => void,
): HTMLElement {
  const w = TEXT[lang].common;
  const t = TEXT[lang].alertLog;
  const form = el('form', { className: 'afilters', testId: 'alert-filters' });
  form.setAttribute('aria-label', t.filters);
  const date = (name: 'from' | 'to', label: string) => {
    const input = el('input', { testId: `filter-${name}` });
    input.type = 'date';
    input.name = name;
    input.value = fields[name] ?? '';
    return el('label', {}, label, input);
  };
  const reset = el('button', { className: 'lbtn lbtn--quiet', testId: 'filter-reset' }, t.reset);
  reset.type = 'button';
  reset.addEventListener('click', () => onChange({}));
  form.append(
    select(
      'filter-van',
      w.van,
      t.anyVan,
      vans.map((v) => [v, v]),
      fields.van,
    ),
    select(
      'filter-state',
      t.state,
      t.any,
      AlertState.options.map((s) => [s, t.stateFilter[s]]),
      fields.state,
    ),
    select(
      'filter-severity',
      t.severity,
      t.any,
      AlertSeverity.options.map((s) => [s, capitalise(w.severities[s], lang)]),
      fields.severity,
    ),
    select(
      'filter-kind',
      t.kind,
      t.any,
      AlertKind.options.map((k) => [k, capitalise(w.alertKinds[k], lang)]),
      fields.kind,
    ),
    date('from', w.from),
    date('to', w.to),
    reset,
  );
  form.addEventListener('change', () => {
    const data = new FormData(form);
    onChange(Object.fromEntries(FIELDS.flatMap((f) => (data.get(f) ? [[f, String(data.get(f))]] : []))));
  });
  form.addEventListener('submit', (ev) => ev.preventDefault());
  return form;
}
