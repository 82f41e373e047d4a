import { clockNotice } from './clock-notice.ts';
import { AlertList } from '../../core/api/alerts.ts';
import { LoadList } from '../../core/api/loads.ts';
import { HistoryAnswer } from '../../core/api/history.ts';
import type { Load } from '../../core/loads/load.ts';
import { DEFAULT_PROFILES, findProfile } from '../../core/product-profiles.ts';
import { VanState } from '../../core/van-state.ts';
import { TEXT } from '../text/catalogue.ts';
import { compartmentName, isKnownCompartment } from '../text/code-words.ts';
import type { Lang } from '../text/lang.ts';
import { productNameIn } from '../text/product-name.ts';
import { apiJson } from './api-client.ts';
import { alertMarkers } from './alert-markers.ts';
import { describeLimit } from './compartment-limit.ts';
import { el } from './dom.ts';
import { doorBands, withDoorSample, type DoorBand } from './door-bands.ts';
import { createCompartmentChart, type CompartmentChart } from './van-chart.ts';
import { renderLoadsCarried } from './van-loads-table.ts';
import { renderRangeControls } from './van-range-controls.ts';
import { bucketFor, type VanRange } from './van-range.ts';

/** Known compartments first, as on the van card; others by id. */
const ORDER = ['chilled', 'frozen'];
const rank = (id: string) => (ORDER.includes(id) ? ORDER.indexOf(id) : ORDER.length);

/** What people read for a compartment: its name, or the product profile it carries — never a raw code when either is known. */
function compartmentTitle(id: string, state: VanState, lang: Lang): string {
  if (isKnownCompartment(id)) return compartmentName(id, lang, 'label');
  const profile = state.compartments[id]?.limit?.profile;
  const found = profile ? findProfile(DEFAULT_PROFILES, profile) : undefined;
  return (found && productNameIn(found, lang)) || id;
}

/** A preset keeps following the van past its end; a custom range stops at its `to`. */
const shownUntil = (r: VanRange) => (r.choice === 'custom' ? r.to : Infinity);

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

  const alertsOf = (r: VanRange) =>
    // Alerts that began up to a week before the range may be acknowledged or resolved inside it.
    apiJson(
      AlertList,
      `/api/alerts?van=${encodeURIComponent(van)}&from=${r.from - 7 * 86_400_000}&to=${r.to}&limit=1000`,
    );

  return {
    async show(nextLang, nextRange) {
      const mine = ++generation;
      lang = nextLang;
      range = nextRange;
      const t = TEXT[lang].vanPage;
      const r = nextRange;
      const bucketMs = bucketFor(r.to - r.from);
      const v = encodeURIComponent(van);
      state = await apiJson(VanState, `/api/vans/${v}`);
      const compartments = Object.keys(state.compartments).sort(
        (a, b) => rank(a) - rank(b) || (a < b ? -1 : 1),
      );
      const [histories, alerts, loads] = await Promise.all([
        Promise.all(
          compartments.map((c) =>
            apiJson(
              HistoryAnswer,
              `/api/vans/${v}/history?compartment=${encodeURIComponent(c)}&from=${r.from}&to=${r.to}&bucketMs=${bucketMs}&bySensor=true`,
            ),
          ),
        ),
        alertsOf(r),
        // Loads the person may not list (or cannot get now) leave the page without its loads table.
        apiJson(LoadList, `/api/loads?van=${v}&limit=1000`).catch((): Load[] => []),
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
            el('h2', { className: 'vchart__title' }, `${compartmentTitle(c, state!, lang)} — ${t.chartOf}`),
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
              sensors: history.sensors ?? [],
              bands: doorBandsOf,
              limit,
              markers: alertMarkers(alerts, c, r.from, shownUntil(r)),
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
          el('h2', { className: 'vhead__van', testId: 'van-id' }, `${TEXT[lang].common.van} ${van}`),
        ),
        ...clockNotice(state, lang).map((line) => {
          line.append(` — ${t.clockNote}`);
          return line;
        }),
        renderRangeControls({ van, lang, range: r, onRange }),
        el('p', { className: 'vnote' }, t.legendNote),
        ...sections,
        renderLoadsCarried(loads, r, lang),
      );
      // Once in the page: uPlot sizes the chart to its container.
      for (const create of pending) create();
    },
    live(next) {
      state = next;
      for (const [c, chart] of charts) {
        const comp = next.compartments[c];
        if (!comp) continue;
        // The state carries the latest temperature of the compartment, of whichever sensor spoke
        // last: another sensor's reading in the same second shows at the next reload, from the store.
        if (comp.celsius !== null && comp.sensor !== null && comp.temperatureTs !== null)
          chart.appendLive(comp.sensor, comp.temperatureTs, comp.celsius);
        if (
          comp.doorOpen !== null &&
          comp.doorTs !== null &&
          range &&
          comp.doorTs >= range.from &&
          comp.doorTs < shownUntil(range)
        ) {
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
        for (const [c, chart] of charts) chart.setMarkers(alertMarkers(alerts, c, r.from, shownUntil(r)));
      });
    },
  };
}
