import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../events.ts';
import { mountAccountBar } from './account-bar.ts';
import { MESSAGES, type Lang } from './i18n.ts';
import { initialLanguage, languageButtons } from './language-choice.ts';
import { toLoginOnRefusal } from './socket-refusal.ts';
import { createVanPage } from './van-page.ts';
import { rangeFromQuery, type VanRange } from './van-range.ts';

/** Entry of the van page, `/vans/{van}` (issue 12). The range lives in the address, so a link shares it. */
const root = document.querySelector<HTMLElement>('[data-testid="page"]')!;
const van = decodeURIComponent(location.pathname.split('/')[2] ?? '');
let lang: Lang = initialLanguage();
let range = rangeFromQuery(location.search, Date.now());
const account = mountAccountBar(() => lang);

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
  account.render();
  buttons.show(lang);
  page.show(lang, r).catch((err: Error) => (root.textContent = err.message));
}

const buttons = languageButtons((chosen) => {
  lang = chosen;
  render();
  showConnection();
});
render();

// Live: the latest state of this van (batched by the server, about once a second) and its alerts.
const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io();
toLoginOnRefusal(socket);
const connection = document.querySelector<HTMLElement>('[data-testid="connection"]')!;
let conn: 'connecting' | 'live' | 'reconnecting' = 'connecting';
const showConnection = (next = conn) => {
  conn = next;
  connection.className = `conn conn--${conn}`;
  connection.dataset.state = conn;
  connection.textContent = MESSAGES[lang].connection[conn];
};
showConnection();
socket.on('connect', () => {
  // Back after a disconnection: what was recorded meanwhile comes from the store, not the socket.
  if (conn === 'reconnecting') render();
  showConnection('live');
});
socket.on('disconnect', () => showConnection('reconnecting'));
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
