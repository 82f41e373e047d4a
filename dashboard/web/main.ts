import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../events.ts';
import { mountAccountBar } from './account-bar.ts';
import { createAlertFeed } from './alert-feed.ts';
import { createFleetView } from './fleet-view.ts';
import { pickLanguage, type Lang } from './i18n.ts';
import { createPageChrome } from './page-chrome.ts';
import { toLoginOnRefusal } from './socket-refusal.ts';

/** localStorage key of the language a user picked on this device. */
const LANG_KEY = 'givre.lang';

// Private browsing and locked-down kiosks may refuse storage; the page must work anyway.
function readStoredLang(): string | null {
  try {
    return localStorage.getItem(LANG_KEY);
  } catch {
    return null;
  }
}
function storeLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    /* the choice then lasts until reload */
  }
}

const chrome = createPageChrome();
let lang = pickLanguage(location.search, readStoredLang());
const fleetRoot = document.querySelector<HTMLElement>('[data-testid="fleet"]');
const empty = document.querySelector<HTMLElement>('[data-testid="empty"]');
if (!fleetRoot || !empty) throw new Error('index.html lacks the fleet container');
const alerts = createAlertFeed();
const fleet = createFleetView(fleetRoot, empty, lang, (van) => alerts.unresolved(van));
chrome.setLanguage(lang);
const account = mountAccountBar(() => lang);

chrome.onLanguageChosen((chosen) => {
  lang = chosen;
  storeLang(chosen);
  // A `?lang=` left in the address bar would override the choice on the next reload.
  const url = new URL(location.href);
  if (url.searchParams.has('lang')) {
    url.searchParams.delete('lang');
    history.replaceState(null, '', url);
  }
  chrome.setLanguage(chosen);
  fleet.setLanguage(chosen);
  account.render();
});

// `auth` is read again at every reconnection: the server replays the alert transitions after it.
const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
  auth: (cb) => cb(alerts.seq() === undefined ? {} : { alertSeq: alerts.seq() }),
});
toLoginOnRefusal(socket);
socket.on('connect', () => chrome.setConnection('live'));
socket.on('disconnect', () => chrome.setConnection('reconnecting'));
socket.io.on('reconnect_attempt', () => chrome.setConnection('reconnecting'));
// Every (re)connection starts with the whole fleet, so nothing missed while away stays stale.
socket.on('fleet:snapshot', (vans) => fleet.replaceAll(vans));
socket.on('van:update', (van) => fleet.update(van));
socket.on('alerts:snapshot', (snapshot) => {
  const before = new Set(alerts.unresolved().map((a) => a.van));
  alerts.snapshot(snapshot);
  for (const van of new Set([...before, ...alerts.unresolved().map((a) => a.van)])) fleet.refresh(van);
});
socket.on('alert:transition', (notice) => {
  const changed = alerts.transition(notice);
  if (changed) fleet.refresh(changed.van);
});
