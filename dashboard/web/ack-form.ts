import type { Acknowledgement } from '../../core/alert-episode.ts';
import { AckReason } from '../../core/messages.ts';
import { TEXT } from '../text/catalogue.ts';
import { actorName } from '../text/code-words.ts';
import { capitalise, formatTime } from '../text/format.ts';
import type { Lang } from '../text/lang.ts';
import type { AlertGroup } from './alert-groups.ts';
import { el } from './dom.ts';

/**
 * Acknowledging one cause with a reason, as the alert log and the fleet desk both offer it
 * (issue 12): the same form, the same words, the same record of who did it.
 */

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

export const reasonText = (reason: AckReason, text: string | undefined, lang: Lang) =>
  `${reasonLabel(reason, lang)}${text ? ` ${TEXT[lang].common.quoted(text)}` : ''}`;

/** "Acquittée par coco le 26/11/2026 20:05 — Panne du groupe froid « … »". */
export function acknowledgementText(ack: Acknowledgement, lang: Lang): string {
  return TEXT[lang].alertLog.acknowledgedBy(
    actorName(ack.by, lang),
    formatTime(ack.at, lang),
    reasonText(ack.reason, ack.text, lang),
  );
}

/** The reason (required) and an optional note; labelled inputs, submitted with Enter too. */
export function ackForm(g: AlertGroup, ui: GroupUi, act: GroupActions, lang: Lang): HTMLElement {
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
 * What follows a group's acknowledgement line: the outcome of the person's last try
 * (`{block}__notice`, announced as a status), then — while members are unacknowledged — the
 * reason form when choosing (the one already on screen, `kept`, so a live update does not wipe
 * what is being typed) or the button that opens it. `form`: the form shown, to keep.
 */
export function ackControls(
  g: AlertGroup,
  ui: GroupUi,
  act: GroupActions,
  lang: Lang,
  kept: HTMLElement | undefined,
  block: string,
): { nodes: HTMLElement[]; form: HTMLElement | undefined } {
  const t = TEXT[lang].alertLog;
  const nodes: HTMLElement[] = [];
  if (ui.notice) {
    const notice = el(
      'p',
      { className: `${block}__notice ${block}__notice--${ui.notice}`, testId: `group-notice-${g.cause}` },
      ui.notice === 'recorded' ? t.recorded : t.failed,
    );
    notice.setAttribute('role', 'status');
    nodes.push(notice);
  }
  if (g.pending.length === 0) return { nodes, form: undefined };
  if (ui.choosing) {
    const form = kept ?? ackForm(g, ui, act, lang);
    const submit = form.querySelector<HTMLButtonElement>('[data-testid="ack-submit"]');
    if (submit) submit.disabled = ui.sending;
    nodes.push(form);
    return { nodes, form };
  }
  const b = el('button', { className: 'lbtn', testId: `group-ack-button-${g.cause}` }, t.acknowledge);
  b.type = 'button';
  b.addEventListener('click', () => act.startAck(g.cause));
  nodes.push(b);
  return { nodes, form: undefined };
}
