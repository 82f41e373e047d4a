import { z } from 'zod';
import { NotificationChannel, NotificationPreferences, type ChannelChoice } from '../../core/api/push.ts';
import { AlertKind, AlertSeverity } from '../../core/messages.ts';
import type { Principal } from '../../core/people/principal.ts';
import { apiJson } from './api-client.ts';
import { el } from './dom.ts';
import { TEXT } from '../text/catalogue.ts';
import { capitalise } from '../text/format.ts';
import type { Lang } from '../text/lang.ts';

const URL_PREFERENCES = '/api/account/notifications';

/**
 * What the server enforces whatever the person chooses (core/people/notification-preferences.ts),
 * shown as checked boxes that cannot be unchecked, with the reason beside them: a driver's own
 * van's critical alerts by push; a coordinator's escalations. An administrator may turn
 * escalations off; a driver is not offered them (they are for the depot).
 */
const criticalLocked = (user: Principal, channel: NotificationChannel) =>
  user.role === 'driver' && channel === 'push';
const escalationsOffered = (user: Principal) => user.role === 'coordinator' || user.role === 'admin';

/** One checkbox with its label; `locked`: checked, disabled, and described by the reason. */
function checkbox(testId: string, label: string, checked: boolean, locked?: { id: string; reason: string }) {
  const input = el('input', { testId });
  input.type = 'checkbox';
  input.checked = checked || locked !== undefined;
  if (locked) {
    input.disabled = true;
    input.setAttribute('aria-describedby', locked.id);
  }
  const row = el('label', { className: 'npref__choice' }, input, ` ${label}`);
  return { input, row };
}

/** Why a box cannot be unchecked, in words, named by the box's `aria-describedby`. */
function lockReason(locked: { id: string; reason: string }): HTMLElement {
  const p = el('p', { className: 'npref__locked', testId: locked.id }, locked.reason);
  p.id = locked.id;
  return p;
}

/**
 * The account page's notification settings (issue 15): per channel (push, SMS by the
 * installation's gateway), which severities and which kinds of alert reach the person; read
 * with `GET` and saved with `PUT /api/account/notifications`.
 */
export function notificationPreferences(lang: Lang, user: Principal): HTMLElement {
  const t = TEXT[lang].account;
  const words = TEXT[lang].common;
  const section = el('section', { className: 'npref', testId: 'notification-preferences' });
  const heading = Object.assign(el('h2', {}, t.notifications), { id: 'npref-title' });
  section.setAttribute('aria-labelledby', heading.id);
  const status = el('p', { className: 'npref__status', testId: 'pref-status' });
  status.setAttribute('role', 'status');
  section.append(heading);

  const draw = (prefs: NotificationPreferences) => {
    const form = el('form', { className: 'npref__form', testId: 'pref-form' });
    const read: Array<() => [NotificationChannel, ChannelChoice]> = [];
    for (const channel of NotificationChannel.options) {
      const choice = prefs.channels[channel];
      const set = el('fieldset', { className: 'npref__channel', testId: `pref-${channel}` });
      set.append(el('legend', {}, t.channels[channel]));
      const severities = el('fieldset', { className: 'npref__group' }, el('legend', {}, t.severities));
      const severityBoxes = AlertSeverity.options.map((severity) => {
        const locked =
          severity === 'critical' && criticalLocked(user, channel)
            ? { id: `pref-${channel}-critical-locked`, reason: t.locked.critical }
            : undefined;
        const box = checkbox(
          `pref-${channel}-severity-${severity}`,
          capitalise(words.severities[severity], lang),
          choice.severities.includes(severity),
          locked,
        );
        severities.append(box.row);
        if (locked) severities.append(lockReason(locked));
        return [severity, box.input] as const;
      });
      const kinds = el('fieldset', { className: 'npref__group' }, el('legend', {}, t.kinds));
      const kindBoxes = AlertKind.options.map((kind) => {
        const box = checkbox(
          `pref-${channel}-kind-${kind}`,
          capitalise(words.alertKinds[kind], lang),
          choice.kinds.includes(kind),
        );
        kinds.append(box.row);
        return [kind, box.input] as const;
      });
      set.append(severities, kinds);
      if (channel === 'sms') set.append(el('p', { className: 'npref__note' }, t.smsNote));
      form.append(set);
      read.push(() => [
        channel,
        {
          severities: severityBoxes.filter(([, b]) => b.checked).map(([s]) => s),
          kinds: kindBoxes.filter(([, b]) => b.checked).map(([k]) => k),
        },
      ]);
    }
    let escalations = () => prefs.escalations;
    if (escalationsOffered(user)) {
      const locked =
        user.role === 'coordinator'
          ? { id: 'pref-escalations-locked', reason: t.locked.escalations }
          : undefined;
      const box = checkbox('pref-escalations', t.escalations, prefs.escalations, locked);
      const set = el('fieldset', { className: 'npref__channel' }, el('legend', {}, t.escalations), box.row);
      if (locked) set.append(lockReason(locked));
      form.append(set);
      escalations = () => box.input.checked;
    }
    const save = el('button', { className: 'lbtn', testId: 'pref-save' }, words.save);
    save.type = 'submit';
    form.append(save, status);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const body: NotificationPreferences = {
        channels: Object.fromEntries(read.map((r) => r())) as NotificationPreferences['channels'],
        escalations: escalations(),
      };
      save.disabled = true;
      apiJson(z.unknown(), URL_PREFERENCES, { method: 'PUT', body })
        .then(() => (status.textContent = t.saved))
        .catch(() => (status.textContent = t.failed))
        .finally(() => (save.disabled = false));
    });
    section.replaceChildren(heading, el('p', {}, t.intro), form);
  };

  // Association accounts receive no alerts: nothing to choose.
  if (user.role === 'association') section.append(el('p', { testId: 'pref-none' }, t.none));
  else {
    section.append(el('p', {}, t.intro), status);
    apiJson(NotificationPreferences, URL_PREFERENCES).then(draw, () => (status.textContent = t.failed));
  }
  return section;
}
