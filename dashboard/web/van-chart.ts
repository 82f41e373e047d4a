import uPlot from 'uplot';
import type { LimitInForce } from '../../core/van-state.ts';
import type { SensorHistory } from '../../core/api/history.ts';
import type { AlertMarker } from './alert-markers.ts';
import { el } from './dom.ts';
import type { DoorBand } from './door-bands.ts';
import { FLEET_TIME_ZONE } from '../text/brussels-day.ts';
import { TEXT } from '../text/catalogue.ts';
import { capitalise, formatCelsius, formatLimit, formatTick, formatTime } from '../text/format.ts';
import type { Lang } from '../text/lang.ts';
import { appendLive, chartData, type ChartData } from './van-chart-data.ts';
import type { VanRange } from './van-range.ts';

/** Line colours (WCAG AA on white) and dash patterns: a second probe differs by more than colour. */
const STROKES = ['#145374', '#8a3b12', '#3d5a00', '#6b2c91'];
const DASHES: number[][] = [[], [8, 4], [2, 3], [10, 3, 2, 3]];
const SYMBOL = { open: '▲', acknowledged: '●', resolved: '■' } as const;
const HEIGHT_PX = 260;

export interface ChartInput {
  compartment: string;
  lang: Lang;
  range: VanRange;
  bucketMs: number;
  sensors: SensorHistory[];
  bands: DoorBand[];
  limit: LimitInForce | null;
  markers: AlertMarker[];
}

export interface CompartmentChart {
  /** A live temperature (device time, ms); drawn if inside what the chart shows. */
  appendLive(sensor: string, ts: number, celsius: number): void;
  setBands(bands: DoorBand[]): void;
  setLimit(limit: LimitInForce | null): void;
  setMarkers(markers: AlertMarker[]): void;
  destroy(): void;
}

/**
 * One compartment's uPlot chart with its overlays: the limit in force as a labelled line,
 * door-open bands and alert markers, as positioned DOM elements over the plot (so that they
 * carry text, a title and a test id, and are not colour alone). Times in Europe/Brussels.
 */
export function createCompartmentChart(host: HTMLElement, input: ChartInput): CompartmentChart {
  const t = TEXT[input.lang].vanPage;
  const { compartment: c, lang, range } = input;
  let data: ChartData = chartData(input.sensors, input.bucketMs);
  let { bands, limit, markers } = input;
  const plot = el('div', { className: 'vchart__plot', testId: `plot-${c}` });
  host.append(plot);
  const withDate = range.to - range.from > 86_400_000;
  const hint = limit?.maxCelsius ?? null;

  const layer = (className: string) => el('div', { className });
  const under = layer('vchart__layer');
  const over = layer('vchart__layer');

  const aligned = (): uPlot.AlignedData =>
    [data.x, ...data.values.flatMap((v) => v)] as unknown as uPlot.AlignedData;

  const build = () => {
    const series: uPlot.Series[] = [
      { label: t.time, value: (_u, v) => (v == null ? '—' : formatTime(v * 1000, lang, { date: 'day' })) },
    ];
    const bandsOpt: uPlot.Band[] = [];
    data.sensors.forEach((sensor, i) => {
      const stroke = STROKES[i % STROKES.length]!;
      const dash = DASHES[i % DASHES.length]!;
      const value = (_u: uPlot, v: number | null) => (v == null ? '—' : formatCelsius(v, lang));
      const base = 1 + i * 3;
      series.push(
        { label: `${sensor} ${t.min}`, stroke: `${stroke}66`, width: 1, dash, value },
        { label: `${sensor} ${t.mean}`, stroke, width: 2, dash, value },
        { label: `${sensor} ${t.max}`, stroke: `${stroke}66`, width: 1, dash, value },
      );
      bandsOpt.push({ series: [base + 2, base], fill: `${stroke}1f` });
    });
    const opts: uPlot.Options = {
      width: Math.max(320, host.clientWidth),
      height: HEIGHT_PX,
      tzDate: (s) => uPlot.tzDate(new Date(s * 1000), FLEET_TIME_ZONE),
      scales: {
        x: { time: true, range: (_u, _min, max) => [range.from / 1000, Math.max(range.to / 1000, max ?? 0)] },
        y: {
          range: (_u, min, max) => {
            const lo = Math.min(min ?? hint ?? 0, limit?.maxCelsius ?? Infinity);
            const hi = Math.max(max ?? hint ?? 10, limit?.maxCelsius ?? -Infinity);
            return [Math.floor(lo - 1), Math.ceil(hi + 1)];
          },
        },
      },
      axes: [
        { values: (_u, splits) => splits.map((s) => formatTick(s * 1000, lang, withDate)) },
        { size: 64, values: (_u, splits) => splits.map((v) => formatLimit(v, lang)) },
      ],
      series,
      bands: bandsOpt,
      legend: { live: true },
      hooks: { draw: [(u) => placeOverlays(u)] },
    };
    const u = new uPlot(opts, aligned(), plot);
    u.under.append(under);
    u.over.append(over);
    return u;
  };

  const placeOverlays = (u: uPlot) => {
    const width = u.over.clientWidth;
    const xOf = (ms: number) => Math.min(width, Math.max(0, u.valToPos(ms / 1000, 'x')));
    const right = Math.max(range.to, (data.x.at(-1) ?? 0) * 1000);
    under.replaceChildren(
      ...bands.map((b) => {
        const band = el('div', { className: 'vchart__door', testId: `door-band-${c}` });
        const left = xOf(b.start);
        band.style.left = `${left}px`;
        band.style.width = `${Math.max(2, xOf(b.end ?? right) - left)}px`;
        band.title = doorText(b);
        return band;
      }),
    );
    const items: HTMLElement[] = [];
    if (limit?.maxCelsius != null) {
      const line = el(
        'div',
        { className: 'vchart__limit', testId: `limit-line-${c}` },
        el(
          'span',
          { className: 'vchart__limit-label' },
          `${t.limitLine} ${formatLimit(limit.maxCelsius, lang)}`,
        ),
      );
      line.style.top = `${u.valToPos(limit.maxCelsius, 'y')}px`;
      line.dataset.celsius = String(limit.maxCelsius);
      items.push(line);
    }
    for (const m of markers) {
      const mark = el(
        'div',
        { className: `vchart__mark vchart__mark--${m.kind}`, testId: `alert-marker-${c}` },
        SYMBOL[m.kind],
      );
      mark.style.left = `${xOf(m.at)}px`;
      mark.title = markerText(m);
      mark.dataset.kind = m.kind;
      items.push(mark);
    }
    over.replaceChildren(...items);
    plot.dataset.points = String(data.x.length);
  };

  const when = (ms: number) => formatTime(ms, lang, { date: withDate ? 'day' : 'none' });
  const doorText = (b: DoorBand) =>
    `${t.doorOpen} ${when(b.start)} → ${b.end === null ? t.stillOpen : when(b.end)}`;
  const markerText = (m: AlertMarker) =>
    `${t.markers[m.kind]} ${when(m.at)} — ${capitalise(TEXT[lang].common.alertKinds[m.alert.kind], lang)}`;

  // The same facts as text, for screen readers and for anyone who cannot tell the shapes apart.
  const facts = el('ul', { className: 'vchart__facts', testId: `facts-${c}` });
  host.append(facts);
  const listFacts = () =>
    facts.replaceChildren(
      ...bands.map((b) => el('li', {}, doorText(b))),
      ...markers.map((m) => el('li', {}, `${SYMBOL[m.kind]} ${markerText(m)}`)),
    );

  let u = build();
  listFacts();
  const resize = new ResizeObserver(() =>
    u.setSize({ width: Math.max(320, host.clientWidth), height: HEIGHT_PX }),
  );
  resize.observe(host);

  return {
    appendLive(sensor, ts, celsius) {
      if (ts < range.from || (range.choice === 'custom' && ts >= range.to)) return; // see van-page.ts shownUntil
      const before = data;
      data = appendLive(data, sensor, ts, celsius);
      if (data === before) return;
      if (data.sensors.length !== before.sensors.length) {
        u.destroy();
        u = build();
      } else u.setData(aligned());
    },
    setBands(next) {
      bands = next;
      listFacts();
      u.redraw(false);
    },
    setLimit(next) {
      limit = next;
      u.setData(aligned()); // the y scale keeps the limit in view
    },
    setMarkers(next) {
      markers = next;
      listFacts();
      u.redraw(false);
    },
    destroy() {
      resize.disconnect();
      u.destroy();
    },
  };
}
