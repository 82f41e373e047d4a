import type { VanState } from '../../core/van-state.ts';
import { TEXT } from '../text/catalogue.ts';
import { formatCoordinates, formatTime } from '../text/format.ts';
import type { Lang } from '../text/lang.ts';
import { el } from './dom.ts';
import { fitView, scaleBar, tilesFor, tileUrl, type MapView } from './map-projection.ts';

/** The SVG's own size, px; CSS scales it to the page's width. */
const WIDTH = 960;
const HEIGHT = 560;
const SVG_NS = 'http://www.w3.org/2000/svg';
/** Room a marker's label needs on its right, px. */
const LABEL_ROOM = 200;

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number> = {},
  ...children: Array<Node | string>
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  node.append(...children);
  return node;
}

export interface MapInput {
  vans: readonly VanState[];
  /** Unresolved alerts of a van. */
  openAlerts: (van: string) => number;
  tileUrl: string | null;
  lang: Lang;
}

const statusText = (v: VanState, lang: Lang) => {
  const words = TEXT[lang].common.vanStatus;
  return v.online === null ? words.unknown : v.online ? words.online : words.offline;
};

function marker(v: VanState, view: MapView, alerts: number, lang: Lang): SVGGElement {
  const p = view.project(v.position!);
  const state = v.online === false ? 'offline' : 'online';
  const g = svg('g', {
    class: `fmap__marker fmap__marker--${state}${alerts ? ' fmap__marker--alert' : ''}`,
    transform: `translate(${p.x.toFixed(1)} ${p.y.toFixed(1)})`,
    'data-testid': `map-marker-${v.van}`,
    'data-online': String(v.online),
    'data-alerts': String(alerts),
  });
  const detail = [statusText(v, lang), ...(alerts ? [TEXT[lang].map.openAlerts(alerts)] : [])].join(' · ');
  g.append(svg('title', {}, `${v.van} — ${detail}`));
  // An open alert: a red ring and the words, so it reads without colour too.
  if (alerts) g.append(svg('circle', { r: 15, fill: 'none', stroke: '#b3261e', 'stroke-width': 3 }));
  g.append(svg('circle', { r: 8, fill: '#145374', stroke: '#fff', 'stroke-width': 2 }));
  // Labels to the right, or to the left near the right edge, so that none is cut off.
  const left = p.x > view.width - LABEL_ROOM;
  const side = { x: left ? -18 : 18, 'text-anchor': left ? 'end' : 'start' };
  g.append(svg('text', { class: 'fmap__label', ...side, y: -2 }, v.van));
  g.append(
    svg('text', { class: 'fmap__label', ...side, y: 14, fill: alerts ? '#b3261e' : '#17212b' }, detail),
  );
  return g;
}

/** The map: the vans' last positions fitted to their bounding box, a scale bar, and tiles when configured. */
export function renderMap(input: MapInput): HTMLElement {
  const t = TEXT[input.lang].map;
  const placed = input.vans.filter((v) => v.position !== null);
  const box = el('figure', { className: 'fmap__figure' });
  const mode = input.tileUrl ? 'tiles' : 'vector';
  const view = fitView(
    placed.map((v) => v.position!),
    { width: WIDTH, height: HEIGHT, padding: 70, ...(mode === 'tiles' ? { wholeZoom: true } : {}) },
  );
  if (!view) {
    box.append(el('p', { className: 'empty', testId: 'map-empty' }, t.empty));
    return box;
  }
  const root = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: 'img',
    'aria-label': t.mapLabel,
    'data-testid': 'map',
    'data-mode': mode,
  });
  if (input.tileUrl) {
    const tiles = svg('g', { 'data-testid': 'map-tiles' });
    for (const tile of tilesFor(view)) {
      const img = svg('image', {
        href: tileUrl(input.tileUrl, tile),
        x: tile.left,
        y: tile.top,
        width: tile.size,
        height: tile.size,
        'data-tile': `${tile.z}/${tile.x}/${tile.y}`,
      });
      // No tile server reachable: the vector view stays, on its plain background.
      img.addEventListener('error', () => img.remove());
      tiles.append(img);
    }
    root.append(tiles);
  }
  for (const v of placed) root.append(marker(v, view, input.openAlerts(v.van), input.lang));
  const bar = scaleBar(view.metresPerPixel);
  root.append(
    svg(
      'g',
      { transform: `translate(20 ${HEIGHT - 24})`, 'data-testid': 'map-scale', 'data-metres': bar.metres },
      svg('path', {
        d: `M0 -6 V0 H${bar.px.toFixed(1)} V-6`,
        fill: 'none',
        stroke: '#17212b',
        'stroke-width': 2,
      }),
      svg('text', { class: 'fmap__label', x: 0, y: -10 }, bar.label),
    ),
  );
  const host = input.tileUrl ? /^https?:\/\/([^/]+)/.exec(input.tileUrl)?.[1] : undefined;
  box.append(
    root,
    el(
      'figcaption',
      { className: 'fmap__note' },
      host ? t.tilesNote(host.replace('{s}.', '')) : t.vectorNote,
    ),
  );
  return box;
}

/** The same facts as a table: every van, placed or not, for keyboards and screen readers. */
export function renderVanTable(input: MapInput): HTMLElement {
  const t = TEXT[input.lang].map;
  const table = el('table', { className: 'fmap__list', testId: 'map-table' });
  const head = el(
    'tr',
    {},
    ...[TEXT[input.lang].common.van, t.status, t.position, t.positionAt, t.alerts].map((h) =>
      el('th', {}, h),
    ),
  );
  table.append(el('thead', {}, head));
  const body = el('tbody');
  for (const v of input.vans) {
    const pos = v.position;
    const coords = pos ? formatCoordinates(pos, input.lang) : t.noPosition;
    const row = el(
      'tr',
      { testId: `map-row-${v.van}` },
      el('td', {}, v.van),
      el('td', {}, statusText(v, input.lang)),
      el('td', {}, coords),
      el('td', {}, pos ? formatTime(pos.ts, input.lang) : '—'),
      el('td', {}, TEXT[input.lang].map.openAlerts(input.openAlerts(v.van))),
    );
    body.append(row);
  }
  table.append(body);
  return table;
}
