import { BREACH_KINDS } from '../../core/alerts/alert-causes.ts';
import type { VanState } from '../../core/van-state.ts';
import { createAckController } from './alert-ack-controller.ts';
import { createCalibrationFeed } from './calibration-feed.ts';
import { createAlertFeed } from './alert-feed.ts';
import { groupByCause } from './alert-groups.ts';
import { createCriticalAlarmToggle } from './critical-alarm-toggle.ts';
import { el } from './dom.ts';
import { filterFromSearch, searchWithFilter } from './fleet-filter.ts';
import { createFleetFilterBar } from './fleet-filter-bar.ts';
import { createFleetView } from './fleet-view.ts';
import { TEXT } from '../text/catalogue.ts';
import { createOnBoardFeed } from './on-board-feed.ts';
import { createPageChrome } from './page-chrome.ts';

/** How often every card is redrawn for the clock alone, ms: ages ("il y a 12 min") and staleness move on. */
const AGE_TICK_MS = 30_000;

/**
 * Entry of the fleet page, `/` for admins and coordinators (issue 3): the coordinator's desk
 * of issue 12 — vans in trouble first, filters kept in the address bar, loads on board with
 * their standing so far, acknowledgement from the desk, an opt-in alarm for critical alerts.
 */
const chrome = createPageChrome();
const controls = el('div', { className: 'fleet-controls' });
const empty = el('p', { className: 'empty', testId: 'empty' });
const noneMatch = el('p', { className: 'empty', testId: 'fleet-none-match' });
const fleetRoot = el('section', { className: 'fleet', testId: 'fleet' });
chrome.main.append(el('div', { className: 'fleet-desk' }, controls, empty, noneMatch, fleetRoot));

const alerts = createAlertFeed();
const acks = createAckController({
  groupOf: (cause) => groupByCause(alerts.unresolved()).find((g) => g.cause === cause),
  keep(a) {
    alerts.keep(a);
    fleet.refresh(a.van);
  },
  changed: () => fleet.refreshAll(),
});
const loads = createOnBoardFeed((vans) => {
  for (const van of vans) fleet.refresh(van);
});
const alarm = createCriticalAlarmToggle(chrome.lang());
const calibrations = createCalibrationFeed(() => fleet.refreshAll());
let filter = filterFromSearch(location.search);
const bar = createFleetFilterBar(filter, (next) => {
  filter = next;
  // replaceState, not a new history entry per keystroke; a reload keeps the filter.
  history.replaceState(null, '', `${location.pathname}${searchWithFilter(location.search, next)}`);
  fleet.setFilter(filter);
});
controls.append(bar.node, alarm.node);

const showCounts = () => {
  const counts = fleet.counts();
  bar.render(chrome.lang(), counts);
  empty.hidden = counts.total > 0;
  noneMatch.hidden = counts.total === 0 || counts.shown > 0;
};
const fleet = createFleetView(fleetRoot, chrome.lang(), {
  alertsOf: (van) => alerts.unresolved(van),
  loadsOf: (van) => loads.of(van),
  calibrationOf: (van) => calibrations.of(van),
  acks,
  now: () => Date.now(),
  changed: showCounts,
});
fleet.setFilter(filter);

const render = () => {
  const lang = chrome.lang();
  const t = TEXT[lang].fleet;
  chrome.render(t.title);
  empty.textContent = t.empty;
  noneMatch.textContent = t.noneMatch;
  alarm.render(lang);
  showCounts();
};
render();
chrome.onLanguage((chosen) => {
  render();
  fleet.setLanguage(chosen);
});
setInterval(() => fleet.refreshAll(), AGE_TICK_MS);

/** The loads on board as the van state lists them (the limit in force): when they change, read their standing again. */
const onBoard = new Map<string, string>();
const loadsChanged = (van: VanState) => {
  const ids = Object.values(van.compartments)
    .flatMap((c) => c.limit?.loads ?? [])
    .sort()
    .join(',');
  const changed = onBoard.get(van.van) !== ids;
  onBoard.set(van.van, ids);
  return changed;
};

// `auth` is read again at every reconnection: the server replays the alert transitions after it.
const socket = chrome.connect(() => alerts.seq());
socket.on('connect', () => {
  fleetRoot.dataset.live = 'true';
  loads.refresh();
  void calibrations.refresh();
});
// While away, what is shown may be old: greyed until the snapshot of the reconnection replaces it.
socket.on('disconnect', () => (fleetRoot.dataset.live = 'false'));
// Every (re)connection starts with the whole fleet, so nothing missed while away stays stale.
socket.on('fleet:snapshot', (vans) => {
  for (const van of vans) loadsChanged(van);
  fleet.replaceAll(vans);
});
socket.on('van:update', (van) => {
  if (loadsChanged(van)) loads.refresh();
  fleet.update(van);
});
socket.on('alerts:snapshot', (snapshot) => {
  const before = new Set(alerts.unresolved().map((a) => a.van));
  alerts.snapshot(snapshot);
  for (const van of new Set([...before, ...alerts.unresolved().map((a) => a.van)])) fleet.refresh(van);
});
socket.on('alert:transition', (notice) => {
  const known = alerts.unresolved(notice.episode.van).some((a) => a.id === notice.episode.id);
  const changed = alerts.transition(notice);
  if (!changed) return;
  fleet.refresh(changed.van);
  if (BREACH_KINDS.has(changed.kind)) loads.refresh();
  if (!known && notice.transition.to === 'open' && changed.severity === 'critical')
    alarm.announce(changed, chrome.lang());
});
