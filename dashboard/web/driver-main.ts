import { AlertEpisode } from '../../core/alert-episode.ts';
import type { AckReason } from '../../core/messages.ts';
import type { VanState } from '../../core/van-state.ts';
import { createAlarm } from './alarm.ts';
import { createAlertFeed } from './alert-feed.ts';
import { ApiError, apiJson } from './api-client.ts';
import { createDriverLoads } from './driver-loads.ts';
import { readSnapshot, writeSnapshot, type DriverSnapshot } from './driver-snapshot.ts';
import { renderDriverView, type DriverViewState } from './driver-view.ts';
import { registerDriverWorker } from './driver-worker.ts';
import { el } from './dom.ts';
import { api } from './session-client.ts';
import { createPageChrome } from './page-chrome.ts';
import { createPushControl } from './push-control.ts';
import { TEXT } from '../text/catalogue.ts';
import { formatAge } from '../text/format.ts';

/**
 * The driver's view of one van, `/driver/{van}`: compartments and an alert banner (issue 5),
 * its loads (issue 6); installable as an app that opens with no network, gets the van's
 * alerts as notifications, and opens on one alert from a notification, `?alert={id}` (issue 15).
 */
const chrome = createPageChrome();
const root = chrome.main;
// The app's start URL opened with no network (the server would have named the van): the last van shown.
const kept = readSnapshot(decodeURIComponent(location.pathname.split('/')[2] ?? '') || undefined);
const van = decodeURIComponent(location.pathname.split('/')[2] ?? '') || (kept?.van ?? '');
if (!location.pathname.split('/')[2] && van)
  history.replaceState(null, '', `/driver/${encodeURIComponent(van)}`);
const feed = createAlertFeed();
const alarm = createAlarm();
const view: DriverViewState = {
  van,
  lang: chrome.lang(),
  state: kept?.state,
  alerts: [],
  choosing: null,
  error: null,
  focus: new URLSearchParams(location.search).get('alert'),
  focusNote: null,
  offline: null,
};
/** When the server last spoke to this page, or to the one that kept the snapshot (ms). */
let heardAt: number | null = kept?.savedAt ?? null;
/** Until the live connection has given the alerts, those the phone kept. */
let liveAlerts = false;
let connected = false;
// Its own section, redrawn only when the loads change: the van's updates (every second) must not wipe a form being typed.
const loadsSection = el('section', { className: 'dpage dloads', testId: 'driver-loads' });
loadsSection.setAttribute('aria-live', 'polite');
root.after(loadsSection);
const loads = createDriverLoads(loadsSection, van, view.lang);
const pushSection = el('section', { className: 'dpage dpush', testId: 'driver-push' });
loadsSection.after(pushSection);
const push = createPushControl(pushSection, registerDriverWorker(), view.lang);

function render(): void {
  chrome.render(`${TEXT[view.lang].driver.title} — ${van}`, van);
  view.alerts = liveAlerts ? feed.unresolved(van) : (kept?.alerts ?? []);
  const now = Date.now();
  const t = TEXT[view.lang].driver;
  view.offline = connected
    ? null
    : heardAt === null
      ? t.offlineNothing
      : t.offline(formatAge(now - heardAt, view.lang));
  renderDriverView(root, view, actions, now);
}

/** What the page would need to draw itself again with no network, kept after each server message. */
function keep(): void {
  heardAt = Date.now();
  const snapshot: DriverSnapshot = { van, alerts: feed.unresolved(van), savedAt: heardAt };
  if (view.state) snapshot.state = view.state;
  writeSnapshot(snapshot);
}

/** The alert a notification opened: in front while it needs acknowledging, else what became of it. */
let focusRead = false;
async function focusAlert(id: string): Promise<void> {
  const lang = () => view.lang;
  try {
    const alert = await apiJson(AlertEpisode, `/api/alerts/${encodeURIComponent(id)}`);
    const t = TEXT[lang()];
    if (alert.van !== van) view.focusNote = t.driver.focus.unknown;
    else if (alert.state === 'resolved') view.focusNote = t.driver.focus.resolved;
    else if (alert.acknowledgement !== null)
      view.focusNote = t.driver.focus.acknowledged(t.common.ackReasons[alert.acknowledgement.reason]);
    else feed.keep(alert);
    focusRead = true;
  } catch (err) {
    // Offline: the banner shows what the phone kept. Another van's, or unknown: said so.
    if (err instanceof ApiError && err.status === 404) {
      view.focusNote = TEXT[lang()].driver.focus.unknown;
      focusRead = true;
    }
  }
  render();
}

/** The alert is dealt with: the address no longer opens on it (a reload would say « déjà acquittée »). */
function clearFocus(): void {
  view.focus = null;
  view.focusNote = null;
  const url = new URL(location.href);
  url.searchParams.delete('alert');
  history.replaceState(null, '', url);
}

async function ack(id: string, reason: AckReason): Promise<void> {
  try {
    const res = await api(`/api/alerts/${encodeURIComponent(id)}/ack`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason, by: `driver:${van}` }),
    });
    if (!res.ok) throw new Error(String(res.status));
    view.choosing = null;
    view.error = null;
    if (id === view.focus) clearFocus();
  } catch {
    view.error = TEXT[view.lang].alertLog.failed;
  }
  render();
}

const actions = {
  startAck(id: string) {
    view.choosing = id;
    view.error = null;
    render();
  },
  cancel() {
    view.choosing = null;
    render();
  },
  ack: (id: string, reason: AckReason) => void ack(id, reason),
};

// Browsers allow sound only after a gesture: the first tap anywhere unlocks it.
document.addEventListener('pointerdown', () => alarm.unlock(), { once: true });
chrome.onLanguage((chosen) => {
  view.lang = chosen;
  loads.setLang(chosen);
  push.setLang(chosen);
  render();
});
// The offline notice's age moves on while nothing arrives.
setInterval(() => {
  if (!connected) render();
}, 30_000);

const socket = chrome.connect(() => feed.seq());
// After a lost connection, what changed meanwhile.
socket.on('connect', () => {
  connected = true;
  void loads.refresh();
  // What could not be read while the page had no network.
  push.retry();
  if (view.focus && !focusRead) void focusAlert(view.focus);
  render();
});
socket.on('disconnect', () => {
  connected = false;
  render();
});
socket.on('fleet:snapshot', (vans: VanState[]) => {
  view.state = vans.find((v) => v.van === van);
  keep();
  render();
});
socket.on('van:update', (state) => {
  if (state.van !== van) return;
  view.state = state;
  keep();
  render();
});
socket.on('alerts:snapshot', (snapshot) => {
  const before = new Set(feed.unresolved(van).map((a) => a.id));
  feed.snapshot(snapshot);
  liveAlerts = true;
  if (feed.unresolved(van).some((a) => a.state === 'open' && !before.has(a.id))) alarm.ring();
  keep();
  render();
});
socket.on('alert:transition', (notice) => {
  const changed = feed.transition(notice);
  if (!changed || changed.van !== van) return;
  if (notice.transition.to === 'open') alarm.ring();
  keep();
  render();
});
if (view.focus) void focusAlert(view.focus);
render();
