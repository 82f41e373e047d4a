import type { AlertEpisode } from '../../core/alert-episode.ts';
import type { Load } from '../../core/loads/load.ts';
import { DEFAULT_PROFILES, findProfile } from '../../core/product-profiles.ts';
import type { VanState } from '../../core/van-state.ts';
import type { History, SensorHistory } from '../../store/reading-store.ts';
import { alertMarkers } from './alert-markers.ts';
import { describeLimit } from './compartment-limit.ts';
import { el } from './dom.ts';
import { doorBands, withDoorSample, type DoorBand } from './door-bands.ts';
import { compartmentLabel, MESSAGES, type Lang } from './i18n.ts';
import { api } from './session-client.ts';
import { createCompartmentChart, type CompartmentChart } from './van-chart.ts';
import { formatBrussels, VAN_PAGE_MESSAGES } from './van-page-i18n.ts';
import { bucketFor, msToWallTime, PRESETS, presetRange, wallTimeToMs, type VanRange } from './van-range.ts';

type HistoryAnswer = History & { sensors: SensorHistory[] };

/** Known compartments first, as on the van card; others by id. */
const ORDER = ['chilled', 'frozen'];
const rank = (id: string) => (ORDER.includes(id) ? ORDER.indexOf(id) : ORDER.length);

/** What people read for a compartment: its name, or the product profile it carries — never a raw code when either is known. */
function compartmentName(id: string, state: VanState, lang: Lang): string {
  if (MESSAGES[lang].compartments[id]) return compartmentLabel(id, lang);
  const profile = state.compartments[id]?.limit?.profile;
  return (profile && findProfile(DEFAULT_PROFILES, profile)?.name[lang]) || id;
}

async function json<T>(url: string): Promise<T> {
  const res = await api(url);
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return (await res.json()) as T;
}

export interface VanPage {
  /** Draws the page for a language and a range (fetching the range's history). */
  show(lang: Lang, range: VanRange): Promise<void>;
  /** The live channel's latest state of this van. */
  live(state: VanState): void;
  /** An alert of this van changed: its markers are read again. */
  alertsChanged(): void;
}

/**
 * The van page (`/vans/{van}`, issue 12): range controls, a chart per compartment from the
 * store's history that keeps appending live readings, the loads carried in the range with
 * their certificates, and the CSV export of the range.
 */
export function createVanPage(root: HTMLElement, van: string, onRange: (range: VanRange) => void): VanPage {
  let lang: Lang = 'fr';
  let range: VanRange | undefined;
  let charts = new Map<string, CompartmentChart>();
  let bands = new Map<string, DoorBand[]>();
  let state: VanState | undefined;
  let generation = 0;

  const controls = (t: (typeof VAN_PAGE_MESSAGES)[Lang], r: VanRange) => {
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
      const label = el('label', {}, t[name]);
      label.htmlFor = field.id;
      return [label, field] as const;
    };
    const [fromLabel, from] = input('from', r.from);
    const [toLabel, to] = input('to', r.to);
    const submit = el('button', { className: 'vbtn', testId: 'range-show' }, t.show);
    submit.type = 'submit';
    const error = el('span', { className: 'vrange__error', testId: 'range-error' });
    error.setAttribute('role', 'alert');
    form.append(
      el('span', {}, lang === 'fr' ? `${t.custom} :` : `${t.custom}:`),
      fromLabel,
      from,
      toLabel,
      to,
      submit,
      error,
    );
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
  };

  const loadsTable = (loads: Load[], r: VanRange) => {
    const t = VAN_PAGE_MESSAGES[lang];
    const carried = loads
      .filter((l) => l.pickedUpAt !== null && l.pickedUpAt < r.to && (l.deliveredAt ?? Infinity) >= r.from)
      .sort((a, b) => (a.pickedUpAt ?? 0) - (b.pickedUpAt ?? 0));
    const section = el('section', { className: 'vloads', testId: 'loads' }, el('h2', {}, t.loads));
    if (carried.length === 0) return (section.append(el('p', { className: 'empty' }, t.noLoads)), section);
    const c = t.loadCols;
    const head = el(
      'tr',
      {},
      ...[c.product, c.recipient, c.weight, c.pickedUp, c.delivered, c.certificate].map((h) =>
        el('th', {}, h),
      ),
    );
    const rows = carried.map((l) => {
      const cert = el('td');
      if (l.status === 'delivered' || l.status === 'rejected') {
        const a = el('a', { testId: `certificate-${l.id}` }, t.certificate);
        a.href = `/api/loads/${encodeURIComponent(l.id)}/certificate.html?lang=${lang}`;
        cert.append(a);
      } else cert.textContent = t.notYet;
      const product = findProfile(DEFAULT_PROFILES, l.profile)?.name[lang] ?? l.profile;
      const when = (ms: number | null) => (ms === null ? t.notYet : formatBrussels(ms, lang, true));
      return el(
        'tr',
        { testId: `load-${l.id}` },
        el('td', {}, product),
        el('td', {}, l.recipient.name),
        el('td', {}, `${new Intl.NumberFormat(lang === 'fr' ? 'fr-BE' : 'en-GB').format(l.weightKg)} kg`),
        el('td', {}, when(l.pickedUpAt)),
        el('td', {}, when(l.deliveredAt)),
        cert,
      );
    });
    section.append(el('table', { className: 'ltable' }, el('thead', {}, head), el('tbody', {}, ...rows)));
    return section;
  };

  const alertsOf = (r: VanRange) =>
    // Alerts that began up to a week before the range may be acknowledged or resolved inside it.
    json<AlertEpisode[]>(
      `/api/alerts?van=${encodeURIComponent(van)}&from=${r.from - 7 * 86_400_000}&to=${r.to}&limit=1000`,
    );

  return {
    async show(nextLang, nextRange) {
      const mine = ++generation;
      lang = nextLang;
      range = nextRange;
      const t = VAN_PAGE_MESSAGES[lang];
      const r = nextRange;
      const bucketMs = bucketFor(r.to - r.from);
      const v = encodeURIComponent(van);
      state = await json<VanState>(`/api/vans/${v}`);
      const compartments = Object.keys(state.compartments).sort(
        (a, b) => rank(a) - rank(b) || (a < b ? -1 : 1),
      );
      const [histories, alerts, loads] = await Promise.all([
        Promise.all(
          compartments.map((c) =>
            json<HistoryAnswer>(
              `/api/vans/${v}/history?compartment=${encodeURIComponent(c)}&from=${r.from}&to=${r.to}&bucketMs=${bucketMs}&bySensor=true`,
            ),
          ),
        ),
        alertsOf(r),
        json<Load[]>(`/api/loads?van=${v}&limit=1000`).catch(() => [] as Load[]),
      ]);
      if (mine !== generation) return; // a newer range was chosen meanwhile
      for (const chart of charts.values()) chart.destroy();
      charts = new Map();
      bands = new Map();
      const pending: Array<() => void> = [];
      const sections = compartments.map((c, i) => {
        const history = histories[i]!;
        const limit = state!.compartments[c]?.limit ?? null;
        const section = el(
          'figure',
          { className: 'vchart', testId: `chart-${c}` },
          el(
            'figcaption',
            {},
            el('h2', { className: 'vchart__title' }, `${compartmentName(c, state!, lang)} — ${t.chartOf}`),
            limit
              ? el(
                  'p',
                  { className: 'vchart__limit-text', testId: `limit-text-${c}` },
                  describeLimit(limit, lang),
                )
              : '',
            history.buckets.length === 0
              ? el('p', { className: 'empty', testId: `nodata-${c}` }, t.noData)
              : '',
          ),
        );
        const doorBandsOf = doorBands(history.doors);
        bands.set(c, doorBandsOf);
        pending.push(() =>
          charts.set(
            c,
            createCompartmentChart(section, {
              compartment: c,
              lang,
              range: r,
              bucketMs,
              sensors: history.sensors,
              bands: doorBandsOf,
              limit,
              markers: alertMarkers(alerts, c, r.from, Math.max(r.to, Date.now())),
            }),
          ),
        );
        return section;
      });
      document.title = `Givre — ${van}`;
      const back = el('a', { className: 'vback', testId: 'back' }, t.back);
      back.href = '/';
      root.replaceChildren(
        el(
          'div',
          { className: 'vhead' },
          back,
          el('h2', { className: 'vhead__van', testId: 'van-id' }, `${t.title} ${van}`),
        ),
        controls(t, r),
        el('p', { className: 'vnote' }, t.legendNote),
        ...sections,
        loadsTable(loads, r),
      );
      // Once in the page: uPlot sizes the chart to its container.
      for (const create of pending) create();
    },
    live(next) {
      state = next;
      for (const [c, chart] of charts) {
        const comp = next.compartments[c];
        if (!comp) continue;
        if (comp.celsius !== null && comp.sensor !== null && comp.temperatureTs !== null)
          chart.appendLive(comp.sensor, comp.temperatureTs, comp.celsius);
        if (comp.doorOpen !== null && comp.doorTs !== null && range && comp.doorTs >= range.from) {
          const updated = withDoorSample(bands.get(c) ?? [], { ts: comp.doorTs, open: comp.doorOpen });
          bands.set(c, updated);
          chart.setBands(updated);
        }
        chart.setLimit(comp.limit);
      }
    },
    alertsChanged() {
      if (!range) return;
      const r = range;
      void alertsOf(r).then((alerts) => {
        for (const [c, chart] of charts)
          chart.setMarkers(alertMarkers(alerts, c, r.from, Math.max(r.to, Date.now())));
      });
    },
  };
}
