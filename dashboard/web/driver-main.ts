import type { AckReason } from '../../core/messages.ts';
import type { VanState } from '../../core/van-state.ts';
import { createAlarm } from './alarm.ts';
import { createAlertFeed } from './alert-feed.ts';
import { createDriverLoads } from './driver-loads.ts';
import { renderDriverView, type DriverViewState } from './driver-view.ts';
import { el } from './dom.ts';
import { api } from './session-client.ts';
import { createPageChrome } from './page-chrome.ts';
import { TEXT } from '../text/catalogue.ts';

/** The driver's view of one van, `/driver/{van}`: compartments and an alert banner (issue 5), its loads (issue 6). */
const chrome = createPageChrome();
const root = chrome.main;
const van = decodeURIComponent(location.pathname.split('/')[2] ?? '');
const feed = createAlertFeed();
const alarm = createAlarm();
const view: DriverViewState = {
  van,
  lang: chrome.lang(),
  state: undefined,
  alerts: [],
  choosing: null,
  error: null,
};
// Its own section, redrawn only when the loads change: the van's updates (every second) must not wipe a form being typed.
const loadsSection = el('section', { className: 'dpage dloads', testId: 'driver-loads' });
loadsSection.setAttribute('aria-live', 'polite');
root.after(loadsSection);
const loads = createDriverLoads(loadsSection, van, view.lang);

function render(): void {
  chrome.render(`${TEXT[view.lang].driver.title} — ${van}`, van);
  view.alerts = feed.unresolved(van);
  renderDriverView(root, view, actions, Date.now());
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
  render();
});

const socket = chrome.connect(() => feed.seq());
// After a lost connection, what changed meanwhile.
socket.on('connect', () => void loads.refresh());
socket.on('fleet:snapshot', (vans: VanState[]) => {
  view.state = vans.find((v) => v.van === van);
  render();
});
socket.on('van:update', (state) => {
  if (state.van !== van) return;
  view.state = state;
  render();
});
socket.on('alerts:snapshot', (snapshot) => {
  const before = new Set(feed.unresolved(van).map((a) => a.id));
  feed.snapshot(snapshot);
  if (feed.unresolved(van).some((a) => a.state === 'open' && !before.has(a.id))) alarm.ring();
  render();
});
socket.on('alert:transition', (notice) => {
  const changed = feed.transition(notice);
  if (!changed || changed.van !== van) return;
  if (notice.transition.to === 'open') alarm.ring();
  render();
});
render();
