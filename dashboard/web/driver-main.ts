import { io, type Socket } from 'socket.io-client';
import type { AckReason } from '../../core/messages.ts';
import type { VanState } from '../../core/van-state.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../events.ts';
import { mountAccountBar } from './account-bar.ts';
import { ALERT_MESSAGES } from './alert-i18n.ts';
import { createAlarm } from './alarm.ts';
import { createAlertFeed } from './alert-feed.ts';
import { createDriverLoads } from './driver-loads.ts';
import { renderDriverView, type DriverViewState } from './driver-view.ts';
import { LANGS, MESSAGES, pickLanguage, type Lang } from './i18n.ts';
import { api } from './session-client.ts';
import { toLoginOnRefusal } from './socket-refusal.ts';

/** The driver's view of one van, `/driver/{van}`: compartments and an alert banner (issue 5), its loads (issue 6). */
const LANG_KEY = 'givre.lang';
const stored = (() => {
  try {
    return localStorage.getItem(LANG_KEY);
  } catch {
    return null;
  }
})();
const byTestId = (id: string) => {
  const node = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  if (!node) throw new Error(`driver.html lacks data-testid="${id}"`);
  return node;
};
const root = byTestId('driver');
const connection = byTestId('connection');
const van = decodeURIComponent(location.pathname.split('/')[2] ?? '');
const feed = createAlertFeed();
const alarm = createAlarm();
const view: DriverViewState = {
  van,
  lang: pickLanguage(location.search, stored),
  state: undefined,
  alerts: [],
  choosing: null,
  error: null,
};
let conn: 'connecting' | 'live' | 'reconnecting' = 'connecting';
// Its own section, redrawn only when the loads change: the van's updates (every second) must not wipe a form being typed.
const loads = createDriverLoads(byTestId('driver-loads'), van, view.lang);

const account = mountAccountBar(() => view.lang);

function render(): void {
  const t = ALERT_MESSAGES[view.lang];
  account.render();
  document.documentElement.lang = view.lang;
  document.title = `${t.driverTitle} — ${van}`;
  byTestId('driver-title').textContent = `${van}`;
  for (const code of LANGS) byTestId(`lang-${code}`).setAttribute('aria-pressed', String(code === view.lang));
  connection.dataset.state = conn;
  connection.className = `conn conn--${conn}`;
  connection.textContent = MESSAGES[view.lang].connection[conn];
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
    view.error = ALERT_MESSAGES[view.lang].ackFailed;
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
for (const code of LANGS)
  byTestId(`lang-${code}`).addEventListener('click', () => {
    view.lang = code as Lang;
    try {
      localStorage.setItem(LANG_KEY, code);
    } catch {
      /* lasts until reload */
    }
    loads.setLang(view.lang);
    render();
  });

const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
  auth: (cb) => cb(feed.seq() === undefined ? {} : { alertSeq: feed.seq() }),
});
toLoginOnRefusal(socket);
const setConn = (next: typeof conn) => {
  conn = next;
  render();
};
socket.on('connect', () => {
  setConn('live');
  void loads.refresh(); // after a lost connection, what changed meanwhile
});
socket.on('disconnect', () => setConn('reconnecting'));
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
