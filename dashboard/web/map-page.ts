import type { VanState } from '../../core/van-state.ts';
import { MapSettingsAnswer } from '../../core/api/map.ts';
import { TEXT } from '../text/catalogue.ts';
import { createAlertFeed } from './alert-feed.ts';
import type { PageChrome } from './page-chrome.ts';
import { el } from './dom.ts';
import { renderMap, renderVanTable, type MapInput } from './map-view.ts';
import { api } from './session-client.ts';

/**
 * `/map` (issue 12): each van's last known position with its status, live. Works with no
 * network beyond the dashboard: a vector view by default; tiles only when
 * GIVRE_MAP_TILE_URL is set (`GET /api/map`). Redrawn at most once a second.
 */
export function startMap(main: HTMLElement, chrome: PageChrome): void {
  const mapBox = el('section', { className: 'fmap', testId: 'map-box' });
  const listBox = el('section', { testId: 'map-list' });
  main.prepend(mapBox, listBox);
  let tileUrl: string | null | undefined;
  const vans = new Map<string, VanState>();
  const alerts = createAlertFeed();

  function render(): void {
    const lang = chrome.lang();
    chrome.render(TEXT[lang].map.title);
    if (tileUrl === undefined) return; // settings not read yet
    const input: MapInput = {
      vans: [...vans.values()].sort((a, b) => a.van.localeCompare(b.van)),
      openAlerts: (van) => alerts.unresolved(van).length,
      tileUrl,
      lang,
    };
    mapBox.replaceChildren(renderMap(input));
    listBox.replaceChildren(renderVanTable(input));
  }

  let pending: ReturnType<typeof setTimeout> | undefined;
  const soon = () => {
    pending ??= setTimeout(() => {
      pending = undefined;
      render();
    }, 1000);
  };

  chrome.onLanguage(render);

  const socket = chrome.connect(() => alerts.seq());
  socket.on('fleet:snapshot', (list) => {
    vans.clear();
    for (const v of list) vans.set(v.van, v);
    render();
  });
  socket.on('van:update', (v) => {
    vans.set(v.van, v);
    soon();
  });
  socket.on('alerts:snapshot', (s) => {
    alerts.snapshot(s);
    render();
  });
  socket.on('alert:transition', (n) => {
    if (alerts.transition(n)) soon();
  });

  void api('/api/map').then(async (res) => {
    tileUrl = res.ok ? MapSettingsAnswer.parse(await res.json()).tileUrl : null;
    render();
  });
  render();
}
