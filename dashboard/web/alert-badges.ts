import type { AlertEpisode } from '../../core/alert-episode.ts';
import { isEscalated } from '../../core/alerts/alert-lifecycle.ts';
import { ALERT_MESSAGES } from './alert-i18n.ts';
import { el } from './dom.ts';
import { compartmentLabel, type Lang } from './i18n.ts';

/** The state a person should read: escalated (nobody acted) outranks open. */
export function displayState(a: AlertEpisode): 'open' | 'acknowledged' | 'escalated' | 'resolved' {
  return isEscalated(a) ? 'escalated' : a.state;
}

/** A van card's open alerts for the coordinator: kind, compartment, state; critical first. */
export function renderAlertList(van: string, alerts: readonly AlertEpisode[], lang: Lang): HTMLElement {
  const t = ALERT_MESSAGES[lang];
  const list = el('ul', { className: 'alerts', testId: `alerts-${van}` });
  for (const a of alerts) {
    const state = displayState(a);
    const where = a.compartment ? ` · ${compartmentLabel(a.compartment, lang)}` : '';
    const item = el(
      'li',
      { className: `alert alert--${a.severity} alert--${state}`, testId: `alert-${a.id}` },
      el('span', { className: 'alert__kind' }, `${t.kinds[a.kind]}${where}`),
      el('span', { className: 'alert__state', testId: `alert-state-${a.id}` }, t.states[state]),
    );
    item.dataset.state = state;
    list.append(item);
  }
  return list;
}
