import { AlertEpisode } from '../../core/alert-episode.ts';
import { VanState } from '../../core/van-state.ts';
import { fieldsFromSearch, renderFilterForm, toFilter, type FilterFields } from './alert-filter-form.ts';
import { createAckController } from './alert-ack-controller.ts';
import { groupByCause, matchesFilter } from './alert-groups.ts';
import { TEXT } from '../text/catalogue.ts';
import { renderGroup } from './alert-log-view.ts';
import type { PageChrome } from './page-chrome.ts';
import { el } from './dom.ts';
import { api } from './session-client.ts';

/**
 * `/alerts` (issue 12): the alert log, filtered as `GET /api/alerts` filters, one group per
 * cause with its members' whole lifecycle, one acknowledgement per group, live over socket.io.
 * An alert already listed stays listed when a transition takes it out of the filter (the
 * person who just acknowledged it sees it recorded); new ones appear only if they match.
 */
export function startAlertLog(main: HTMLElement, chrome: PageChrome): void {
  const filtersRoot = el('div', { testId: 'alert-filters-box' });
  const root = el('section', { className: 'alog', testId: 'alert-log' });
  root.setAttribute('aria-live', 'polite');
  main.prepend(filtersRoot, root);
  let fields: FilterFields = fieldsFromSearch(location.search);
  let loaded = false;
  let vans: string[] = [];
  const episodes = new Map<string, AlertEpisode>();
  const nodes = new Map<string, { key: string; node: HTMLElement }>();
  let lastSeq: number | undefined;

  /** Keeps the copy that has seen more of the lifecycle: an answer read before a live transition is older. */
  const keep = (a: AlertEpisode) => {
    const had = episodes.get(a.id);
    if (!had || had.transitions.length <= a.transitions.length) episodes.set(a.id, a);
  };

  const acks = createAckController({
    groupOf: (cause) => groupByCause(episodes.values()).find((g) => g.cause === cause),
    keep,
    changed: () => render(),
  });

  function renderFilters(): void {
    filtersRoot.replaceChildren(
      renderFilterForm(fields, vans, chrome.lang(), (next) => {
        fields = next;
        const url = new URL(location.href);
        url.search = new URLSearchParams(next as Record<string, string>).toString();
        history.replaceState(null, '', url);
        renderFilters();
        void load();
      }),
    );
  }

  /** Groups in order, keyed: a group whose content did not change keeps its node (and the focus in it). */
  function render(): void {
    const lang = chrome.lang();
    const t = TEXT[lang].alertLog;
    chrome.render(t.title);
    const groups = groupByCause(episodes.values());
    const wanted: HTMLElement[] = [];
    for (const g of groups) {
      const state = acks.ui(g.cause);
      const key = JSON.stringify([lang, state, g.members]);
      const kept = nodes.get(g.cause);
      if (kept && kept.key === key) {
        wanted.push(kept.node);
        continue;
      }
      const { node, form } = renderGroup(g, state, acks.actions, lang, acks.form(g.cause));
      acks.keepForm(g.cause, form);
      nodes.set(g.cause, { key, node });
      wanted.push(node);
    }
    for (const cause of [...nodes.keys()]) if (!groups.some((g) => g.cause === cause)) nodes.delete(cause);
    if (!loaded) return void root.replaceChildren(el('p', { className: 'empty' }, TEXT[lang].common.loading));
    if (groups.length === 0)
      return void root.replaceChildren(el('p', { className: 'empty', testId: 'alert-log-empty' }, t.empty));
    // Move only what is out of place: moving a node would take the focus out of a form being filled.
    for (const node of [...root.children]) if (!wanted.includes(node as HTMLElement)) node.remove();
    wanted.forEach((node, i) => {
      if (root.children[i] !== node) root.insertBefore(node, root.children[i] ?? null);
    });
  }

  let loading = 0;
  async function load(): Promise<void> {
    const mine = ++loading;
    const filter = toFilter(fields);
    const q = new URLSearchParams({ limit: '500' });
    for (const [k, v] of Object.entries(filter)) q.set(k, String(v));
    const res = await api(`/api/alerts?${q}`);
    if (mine !== loading) return; // a newer choice of filters is on its way
    if (!res.ok)
      return void root.replaceChildren(
        el('p', { className: 'empty' }, TEXT[chrome.lang()].alertLog.loadFailed),
      );
    // Validated with the schema the server writes them with (core/alert-episode.ts), not cast.
    const list = AlertEpisode.array().parse(await res.json());
    const seen = new Map(episodes);
    episodes.clear();
    for (const a of list) {
      const had = seen.get(a.id);
      episodes.set(a.id, had && had.transitions.length > a.transitions.length ? had : a);
    }
    loaded = true;
    render();
  }

  async function loadVans(): Promise<void> {
    const res = await api('/api/vans');
    if (!res.ok) return;
    vans = VanState.array()
      .parse(await res.json())
      .map((v) => v.van)
      .sort();
    renderFilters();
  }

  chrome.onLanguage(() => {
    renderFilters();
    render();
  });

  const socket = chrome.connect(() => lastSeq);
  socket.on('connect', () => {
    // Whatever happened while away: read the log again (the replay brings the rest in order).
    void load();
  });
  socket.on('alerts:snapshot', (s) => {
    lastSeq = s.seq;
  });
  socket.on('alert:transition', (n) => {
    if (lastSeq !== undefined && n.seq <= lastSeq) return;
    lastSeq = n.seq;
    if (!episodes.has(n.episode.id) && !matchesFilter(n.episode, toFilter(fields))) return;
    keep(n.episode);
    render();
  });

  renderFilters();
  render();
  void loadVans();
}
