import { createPageChrome } from './page-chrome.ts';
import { createVanPage } from './van-page.ts';
import { rangeFromQuery, type VanRange } from './van-range.ts';

/** Entry of the van page, `/vans/{van}` (issue 12). The range lives in the address, so a link shares it. */
const chrome = createPageChrome();
const root = chrome.main;
const van = decodeURIComponent(location.pathname.split('/')[2] ?? '');
let range = rangeFromQuery(location.search, Date.now());

const page = createVanPage(root, van, (next) => {
  range = next;
  const url = new URL(location.href);
  for (const key of ['range', 'from', 'to']) url.searchParams.delete(key);
  if (next.choice === 'custom') {
    url.searchParams.set('from', String(next.from));
    url.searchParams.set('to', String(next.to));
  } else url.searchParams.set('range', next.choice);
  history.replaceState(null, '', url);
  render();
});

function render(r: VanRange = range): void {
  chrome.render(`Givre — ${van}`);
  page.show(chrome.lang(), r).catch((err: Error) => (root.textContent = err.message));
}

chrome.onLanguage(() => render());
render();

// Live: the latest state of this van (batched by the server, about once a second) and its alerts.
const socket = chrome.connect();
let reconnecting = false;
socket.on('connect', () => {
  // Back after a disconnection: what was recorded meanwhile comes from the store, not the socket.
  if (reconnecting) render();
  reconnecting = false;
});
socket.on('disconnect', () => (reconnecting = true));
socket.on('fleet:snapshot', (vans) => {
  const mine = vans.find((v) => v.van === van);
  if (mine) page.live(mine);
});
socket.on('van:update', (state) => {
  if (state.van === van) page.live(state);
});
socket.on('alert:transition', (notice) => {
  if (notice.episode.van === van) page.alertsChanged();
});
