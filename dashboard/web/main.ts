import { createAlertFeed } from './alert-feed.ts';
import { el } from './dom.ts';
import { createFleetView } from './fleet-view.ts';
import { MESSAGES } from './i18n.ts';
import { createPageChrome } from './page-chrome.ts';

/** Entry of the fleet page, `/` for admins and coordinators (issue 3). */
const chrome = createPageChrome();
const empty = el('p', { className: 'empty', testId: 'empty' });
const fleetRoot = el('section', { className: 'fleet', testId: 'fleet' });
chrome.main.append(empty, fleetRoot);
const alerts = createAlertFeed();
const fleet = createFleetView(fleetRoot, empty, chrome.lang(), (van) => alerts.unresolved(van));
const render = () => {
  const t = MESSAGES[chrome.lang()];
  chrome.render(t.title);
  empty.textContent = t.empty;
};
render();
chrome.onLanguage((chosen) => {
  render();
  fleet.setLanguage(chosen);
});

// `auth` is read again at every reconnection: the server replays the alert transitions after it.
const socket = chrome.connect(() => alerts.seq());
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
