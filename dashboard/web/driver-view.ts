import type { AlertEpisode } from '../../core/alert-episode.ts';
import { AckReason } from '../../core/messages.ts';
import type { VanState } from '../../core/van-state.ts';
import { displayState } from './alert-badges.ts';
import { describeLimit, warmthOf } from './compartment-limit.ts';
import { el } from './dom.ts';
import { TEXT } from '../text/catalogue.ts';
import { compartmentName } from '../text/code-words.ts';
import { capitalise, formatCelsius, formatReadingTime } from '../text/format.ts';
import type { Lang } from '../text/lang.ts';

export interface DriverViewState {
  van: string;
  lang: Lang;
  state: VanState | undefined;
  alerts: AlertEpisode[];
  /** The alert whose reason buttons are showing (first tap done). */
  choosing: string | null;
  error: string | null;
  /** The alert a notification opened (`?alert=`, issue 15): shown first while unacknowledged. */
  focus: string | null;
  /** Said above the banner when that alert needs acknowledging no more. */
  focusNote: string | null;
  /** « hors ligne — dernière mise à jour il y a 12 min » while the live connection is down. */
  offline: string | null;
}

export interface DriverActions {
  startAck(id: string): void;
  cancel(): void;
  ack(id: string, reason: AckReason): void;
}

/** The banner: the most urgent alert, large, with "Acquitter" → reason (two taps). */
function banner(v: DriverViewState, act: DriverActions, now: number): HTMLElement {
  const t = TEXT[v.lang].driver;
  const words = TEXT[v.lang].common;
  const label = (word: string) => capitalise(word, v.lang);
  const box = el('section', { className: 'dbanner', testId: 'alert-banner' });
  // The most urgent alert nobody acknowledged yet; else the most urgent acknowledged one.
  const focused = v.alerts.find((a) => a.id === v.focus && a.acknowledgement === null);
  const alert = focused ?? v.alerts.find((a) => a.acknowledgement === null) ?? v.alerts[0];
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
    el(
      'p',
      { className: 'dbanner__title', testId: 'alert-title' },
      `${where}${label(words.alertKinds[alert.kind])}`,
    ),
  );
  const detail = [`${t.since} ${formatReadingTime(alert.startedAt, v.lang, now)}`];
  if (alert.limit !== null) detail.push(`${words.limit} ${formatCelsius(alert.limit, v.lang)}`);
  box.append(el('p', { className: 'dbanner__detail' }, detail.join(' · ')));
  box.append(
    el('p', { className: 'dbanner__state', testId: 'alert-state' }, label(words.alertStates[state])),
  );
  if (alert.acknowledgement === null) {
    if (v.choosing === alert.id) {
      box.append(el('p', { className: 'dbanner__ask' }, t.chooseReason));
      const reasons = el('div', { className: 'dreasons' });
      for (const reason of AckReason.options) {
        const b = el(
          'button',
          { className: 'dbtn dbtn--reason', testId: `ack-reason-${reason}` },
          label(words.ackReasons[reason]),
        );
        b.type = 'button';
        b.addEventListener('click', () => act.ack(alert.id, reason));
        reasons.append(b);
      }
      const cancel = el('button', { className: 'dbtn dbtn--cancel', testId: 'ack-cancel' }, words.cancel);
      cancel.type = 'button';
      cancel.addEventListener('click', () => act.cancel());
      reasons.append(cancel);
      box.append(reasons);
    } else {
      const b = el(
        'button',
        { className: 'dbtn dbtn--ack', testId: 'ack-button' },
        TEXT[v.lang].alertLog.acknowledge,
      );
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
  const t = TEXT[v.lang].fleet;
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
      item.append(el('span', { className: 'dcomp__warn', testId: `dwarn-${c.id}` }, t.warmth[warmth]));
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
  const notes: HTMLElement[] = [];
  if (v.offline) notes.push(el('p', { className: 'doffline', testId: 'driver-offline' }, v.offline));
  if (v.focusNote) notes.push(el('p', { className: 'dfocus', testId: 'alert-focus-note' }, v.focusNote));
  root.replaceChildren(...notes, banner(v, act, now), compartments(v));
}
