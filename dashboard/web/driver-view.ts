import type { AlertEpisode } from '../../core/alert-episode.ts';
import type { AckReason } from '../../core/messages.ts';
import type { VanState } from '../../core/van-state.ts';
import { displayState } from './alert-badges.ts';
import { ACK_REASONS, ALERT_MESSAGES } from './alert-i18n.ts';
import { describeLimit, warmthOf } from './compartment-limit.ts';
import { el } from './dom.ts';
import { compartmentName } from '../text/code-words.ts';
import { formatCelsius, formatReadingTime } from '../text/format.ts';
import type { Lang } from '../text/lang.ts';
import { MESSAGES } from './i18n.ts';

export interface DriverViewState {
  van: string;
  lang: Lang;
  state: VanState | undefined;
  alerts: AlertEpisode[];
  /** The alert whose reason buttons are showing (first tap done). */
  choosing: string | null;
  error: string | null;
}

export interface DriverActions {
  startAck(id: string): void;
  cancel(): void;
  ack(id: string, reason: AckReason): void;
}

/** The banner: the most urgent alert, large, with "Acquitter" → reason (two taps). */
function banner(v: DriverViewState, act: DriverActions, now: number): HTMLElement {
  const t = ALERT_MESSAGES[v.lang];
  const box = el('section', { className: 'dbanner', testId: 'alert-banner' });
  // The most urgent alert nobody acknowledged yet; else the most urgent acknowledged one.
  const alert = v.alerts.find((a) => a.acknowledgement === null) ?? v.alerts[0];
  if (!alert) {
    box.className = 'dbanner dbanner--calm';
    box.append(el('p', { className: 'dbanner__title', testId: 'no-alert' }, t.noAlert));
    return box;
  }
  const state = displayState(alert);
  box.className = `dbanner dbanner--${alert.severity} dbanner--${state}`;
  box.dataset.alertId = alert.id;
  box.dataset.state = state;
  const where = alert.compartment ? `${compartmentName(alert.compartment, v.lang, 'label')} — ` : '';
  box.append(
    el('p', { className: 'dbanner__title', testId: 'alert-title' }, `${where}${t.kinds[alert.kind]}`),
  );
  const detail = [`${t.since} ${formatReadingTime(alert.startedAt, v.lang, now)}`];
  if (alert.limit !== null) detail.push(`${t.limit} ${formatCelsius(alert.limit, v.lang)}`);
  box.append(el('p', { className: 'dbanner__detail' }, detail.join(' · ')));
  box.append(el('p', { className: 'dbanner__state', testId: 'alert-state' }, t.states[state]));
  if (alert.acknowledgement === null) {
    if (v.choosing === alert.id) {
      box.append(el('p', { className: 'dbanner__ask' }, t.chooseReason));
      const reasons = el('div', { className: 'dreasons' });
      for (const reason of ACK_REASONS) {
        const b = el(
          'button',
          { className: 'dbtn dbtn--reason', testId: `ack-reason-${reason}` },
          t.reasons[reason],
        );
        b.type = 'button';
        b.addEventListener('click', () => act.ack(alert.id, reason));
        reasons.append(b);
      }
      const cancel = el('button', { className: 'dbtn dbtn--cancel', testId: 'ack-cancel' }, t.cancel);
      cancel.type = 'button';
      cancel.addEventListener('click', () => act.cancel());
      reasons.append(cancel);
      box.append(reasons);
    } else {
      const b = el('button', { className: 'dbtn dbtn--ack', testId: 'ack-button' }, t.acknowledge);
      b.type = 'button';
      b.addEventListener('click', () => act.startAck(alert.id));
      box.append(b);
    }
  }
  if (v.error) box.append(el('p', { className: 'dbanner__error', testId: 'ack-error' }, v.error));
  return box;
}

function compartments(v: DriverViewState): HTMLElement {
  const list = el('ul', { className: 'dcomps', testId: 'driver-comps' });
  const t = MESSAGES[v.lang];
  for (const c of Object.values(v.state?.compartments ?? {}).sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const warmth = warmthOf(c.limit, c.celsius);
    const className = {
      ok: 'dcomp',
      warm: 'dcomp dcomp--warm',
      critical: 'dcomp dcomp--warm dcomp--critical',
    }[warmth];
    const item = el(
      'li',
      { className, testId: `dcomp-${c.id}` },
      el('span', { className: 'dcomp__name' }, compartmentName(c.id, v.lang, 'label')),
      el(
        'span',
        { className: 'dcomp__temp', testId: `dtemp-${c.id}` },
        c.celsius === null ? '—' : formatCelsius(c.celsius, v.lang),
      ),
      el(
        'span',
        { className: 'dcomp__door' },
        c.doorOpen === null ? '' : c.doorOpen ? t.doorOpen : t.doorClosed,
      ),
    );
    if (warmth !== 'ok')
      item.append(
        el(
          'span',
          { className: 'dcomp__warn', testId: `dwarn-${c.id}` },
          warmth === 'critical' ? t.critical : t.tooWarm,
        ),
      );
    // Until ingest has said which limit applies, none is shown rather than a guessed one.
    if (c.limit !== null)
      item.append(
        el('span', { className: 'dcomp__limit', testId: `dlimit-${c.id}` }, describeLimit(c.limit, v.lang)),
      );
    list.append(item);
  }
  return list;
}

/** Redraws the whole driver view (a few elements; at most about once a second). */
export function renderDriverView(
  root: HTMLElement,
  v: DriverViewState,
  act: DriverActions,
  now: number,
): void {
  root.replaceChildren(banner(v, act, now), compartments(v));
}
