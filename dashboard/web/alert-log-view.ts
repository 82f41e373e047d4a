import type { AlertEpisode, AlertTransition } from '../../core/alert-episode.ts';
import { AckReason } from '../../core/messages.ts';
import { TEXT } from '../text/catalogue.ts';
import { actorName, compartmentName } from '../text/code-words.ts';
import { capitalise, formatCelsius, formatTime } from '../text/format.ts';
import type { Lang } from '../text/lang.ts';
import { displayState } from './alert-badges.ts';
import type { AlertGroup } from './alert-groups.ts';
import { el } from './dom.ts';

/** What the person is doing with one group: choosing a reason, sending, or told the outcome. */
export interface GroupUi {
  choosing: boolean;
  sending: boolean;
  notice: 'recorded' | 'failed' | null;
}

export interface GroupActions {
  startAck(cause: string): void;
  cancel(cause: string): void;
  send(cause: string, reason: AckReason, text: string): void;
}

const reasonLabel = (reason: AckReason, lang: Lang) => capitalise(TEXT[lang].common.ackReasons[reason], lang);
const kindLabel = (kind: AlertEpisode['kind'], lang: Lang) =>
  capitalise(TEXT[lang].common.alertKinds[kind], lang);

const reasonText = (reason: AckReason, text: string | undefined, lang: Lang) =>
  `${reasonLabel(reason, lang)}${text ? ` « ${text} »` : ''}`;

function transitionLine(t: AlertTransition, lang: Lang): string {
  const words = TEXT[lang].alertLog;
  const when = formatTime(t.at, lang);
  if (t.to === 'acknowledged' && t.by && t.reason)
    return `${when} — ${words.acknowledgedBy(actorName(t.by, lang), when, reasonText(t.reason, t.text, lang))}`;
  return `${when} — ${words.transitions[t.to]}`;
}

/** One member alert: what, how bad, its state, its times and every transition it went through. */
function member(a: AlertEpisode, lang: Lang): HTMLElement {
  const w = TEXT[lang].common;
  const t = TEXT[lang].alertLog;
  const state = displayState(a);
  const item = el('li', { className: `amember amember--${state}`, testId: `alert-${a.id}` });
  item.dataset.state = state;
  item.dataset.acknowledged = String(a.acknowledgement !== null);
  const facts = [
    `${t.startedAt} ${formatTime(a.startedAt, lang)}`,
    `${t.detectedAt} ${formatTime(a.detectedAt, lang)}`,
  ];
  if (a.resolvedAt !== null) facts.push(`${t.resolvedAt} ${formatTime(a.resolvedAt, lang)}`);
  if (a.peak !== null) facts.push(`${w.peak} ${formatCelsius(a.peak, lang)}`);
  if (a.limit !== null) facts.push(`${w.limit} ${formatCelsius(a.limit, lang)}`);
  item.append(
    el(
      'p',
      { className: 'amember__head' },
      el('strong', {}, kindLabel(a.kind, lang)),
      ` · ${w.severities[a.severity]} · `,
      el('span', { className: 'amember__state', testId: `alert-state-${a.id}` }, w.alertStates[state]),
    ),
    el('p', { className: 'amember__facts' }, facts.join(' · ')),
  );
  const timeline = el('ol', { className: 'timeline', testId: `timeline-${a.id}` });
  for (const tr of a.transitions) {
    const li = el('li', { className: `timeline__step timeline__step--${tr.to}` }, transitionLine(tr, lang));
    li.dataset.to = tr.to;
    timeline.append(li);
  }
  item.append(timeline);
  return item;
}

function ackForm(g: AlertGroup, ui: GroupUi, act: GroupActions, lang: Lang): HTMLElement {
  const t = TEXT[lang].alertLog;
  const form = el('form', { className: 'ackform', testId: `ack-form-${g.cause}` });
  const select = el('select', { testId: 'ack-reason' });
  select.required = true;
  select.append(el('option', {}, '—'));
  select.options[0]!.value = '';
  for (const reason of AckReason.options) {
    const o = el('option', {}, reasonLabel(reason, lang));
    o.value = reason;
    select.append(o);
  }
  const note = el('input', { testId: 'ack-note' });
  note.maxLength = 500;
  const submit = el('button', { className: 'lbtn', testId: 'ack-submit' }, t.send);
  submit.type = 'submit';
  submit.disabled = ui.sending;
  const cancel = el(
    'button',
    { className: 'lbtn lbtn--quiet', testId: 'ack-cancel' },
    TEXT[lang].common.cancel,
  );
  cancel.type = 'button';
  cancel.addEventListener('click', () => act.cancel(g.cause));
  form.append(
    el('label', {}, t.reason, select),
    el('label', {}, t.note, note),
    el('span', { className: 'ackform__buttons' }, submit, cancel),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (select.value) act.send(g.cause, select.value as AckReason, note.value.trim());
  });
  return form;
}

/**
 * One cause: its state in words (escalated ones stand out by text and border, not colour
 * alone), who acknowledged it, when and why, one acknowledge action, and its member alerts.
 * `form`: the reason form already on screen for this group, kept so a live update does not
 * wipe what is being typed.
 */
export function renderGroup(
  g: AlertGroup,
  ui: GroupUi,
  act: GroupActions,
  lang: Lang,
  form: HTMLElement | undefined,
): { node: HTMLElement; form: HTMLElement | undefined } {
  const w = TEXT[lang].common;
  const t = TEXT[lang].alertLog;
  const node = el('article', {
    className: `agroup agroup--${g.severity} agroup--${g.state}`,
    testId: `alert-group-${g.cause}`,
  });
  node.dataset.state = g.state;
  node.dataset.van = g.van;
  const where = g.compartment ? compartmentName(g.compartment, lang, 'label') : t.wholeVan;
  const count = t.members(g.members.length);
  node.append(
    el(
      'header',
      { className: 'agroup__head' },
      el(
        'span',
        { className: `agroup__state agroup__state--${g.state}`, testId: `group-state-${g.cause}` },
        t.groupStates[g.state],
      ),
      el(
        'h2',
        { className: 'agroup__title' },
        `${g.van} · ${where} · ${kindLabel(g.members[0]!.kind, lang)}`,
      ),
      el(
        'span',
        { className: 'agroup__meta' },
        `${w.severities[g.severity]} · ${count} · ${t.startedAt} ${formatTime(g.startedAt, lang)}`,
      ),
    ),
  );
  const ack = g.acknowledgement;
  node.append(
    el(
      'p',
      { className: `agroup__ack${ack ? ' agroup__ack--done' : ''}`, testId: `group-ack-${g.cause}` },
      ack
        ? t.acknowledgedBy(
            actorName(ack.by, lang),
            formatTime(ack.at, lang),
            reasonText(ack.reason, ack.text, lang),
          )
        : t.notAcknowledged,
    ),
  );
  if (ui.notice) {
    const notice = el(
      'p',
      { className: `agroup__notice agroup__notice--${ui.notice}`, testId: `group-notice-${g.cause}` },
      ui.notice === 'recorded' ? t.recorded : t.failed,
    );
    notice.setAttribute('role', 'status');
    node.append(notice);
  }
  let keptForm: HTMLElement | undefined;
  if (g.pending.length > 0) {
    if (ui.choosing) {
      keptForm = form ?? ackForm(g, ui, act, lang);
      const submit = keptForm.querySelector<HTMLButtonElement>('[data-testid="ack-submit"]');
      if (submit) submit.disabled = ui.sending;
      node.append(keptForm);
    } else {
      const b = el('button', { className: 'lbtn', testId: `group-ack-button-${g.cause}` }, t.acknowledge);
      b.type = 'button';
      b.addEventListener('click', () => act.startAck(g.cause));
      node.append(b);
    }
  }
  const list = el('ul', { className: 'agroup__members' });
  for (const m of g.members) list.append(member(m, lang));
  node.append(list);
  return { node, form: keptForm };
}
