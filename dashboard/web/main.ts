import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../events.ts';
import { mountAccountBar } from './account-bar.ts';
import { createAlertFeed } from './alert-feed.ts';
import { createFleetView } from './fleet-view.ts';
import { initialLanguage, storeLanguage } from './language-choice.ts';
import { createPageChrome } from './page-chrome.ts';
import { toLoginOnRefusal } from './socket-refusal.ts';

const chrome = createPageChrome();
let lang = initialLanguage();
const fleetRoot = document.querySelector<HTMLElement>('[data-testid="fleet"]');
const empty = document.querySelector<HTMLElement>('[data-testid="empty"]');
if (!fleetRoot || !empty) throw new Error('index.html lacks the fleet container');
const alerts = createAlertFeed();
const fleet = createFleetView(fleetRoot, empty, lang, (van) => alerts.unresolved(van));
chrome.setLanguage(lang);
const account = mountAccountBar(() => lang);

chrome.onLanguageChosen((chosen) => {
  lang = chosen;
  storeLanguage(chosen);
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
