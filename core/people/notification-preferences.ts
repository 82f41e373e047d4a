import type { AlertNotice } from '../alerts/alert-notice.ts';
import { NotificationChannel, type ChannelChoice, type NotificationPreferences } from '../api/push.ts';
import { AlertKind, type AlertSeverity } from '../messages.ts';
import type { Role } from './principal.ts';

/**
 * Issue 15: who is told of an alert transition, by which channel — decided here and nowhere
 * else (ingest's push outbox and the webhook's `recipients` both ask `recipients`).
 *
 * What a person chooses (`NotificationPreferences`, per channel: severities and kinds) is
 * applied within rules nobody can choose away:
 * - a driver only ever hears of the vans they are bound to, and only of what they act on
 *   (opened, acknowledged, resolved); escalations and reminders are for the depot;
 * - a critical alert's `open` for a van a driver is bound to always reaches that driver by
 *   push, whatever they chose (they still need a subscribed phone);
 * - a coordinator always receives escalations and reminders by push (`escalations` cannot be
 *   turned off by a coordinator: issue 15, « coordinators receive escalations »; the account
 *   API refuses it); an administrator may turn them off;
 * - association users receive no alerts.
 * Escalations and reminders also go by SMS to whoever receives escalations and chose SMS for
 * critical alerts of that kind.
 */

/** One person as the rules need them: role and binding, whether they may sign in. */
export interface Person {
  username: string;
  role: Role;
  vans: readonly string[];
  disabled?: boolean;
}

export interface Recipient {
  username: string;
  channel: NotificationChannel;
}

const ALL_KINDS = [...AlertKind.options];
const NOTHING: ChannelChoice = { severities: [], kinds: [] };

/**
 * Quiet defaults: drivers get warnings and critical alerts of their vans by push;
 * coordinators and administrators escalations (by push) and nothing else; SMS only when chosen.
 */
export function defaultPreferences(role: Role): NotificationPreferences {
  switch (role) {
    case 'driver':
      return {
        channels: { push: { severities: ['critical', 'warning'], kinds: ALL_KINDS }, sms: NOTHING },
        escalations: false,
      };
    case 'coordinator':
    case 'admin':
      return { channels: { push: NOTHING, sms: NOTHING }, escalations: true };
    case 'association':
      return { channels: { push: NOTHING, sms: NOTHING }, escalations: false };
  }
}

/** What a person's stored choices come to: the defaults of their role until they chose. */
export function effectivePreferences(
  role: Role,
  stored: NotificationPreferences | undefined,
): NotificationPreferences {
  const prefs = stored ?? defaultPreferences(role);
  if (role === 'coordinator') return { ...prefs, escalations: true };
  if (role === 'association') return defaultPreferences('association');
  return prefs;
}

/** Why a person may not store these choices, as `{ field, message }`; undefined when they may. */
export function refusedChoice(
  role: Role,
  prefs: NotificationPreferences,
): { field: string; message: string } | undefined {
  if (role === 'coordinator' && !prefs.escalations)
    return { field: 'escalations', message: 'coordinators always receive escalations' };
  if (role === 'association') return { field: 'channels', message: 'association accounts receive no alerts' };
  return undefined;
}

const admits = (c: ChannelChoice, severity: AlertSeverity, kind: AlertKind) =>
  c.severities.includes(severity) && c.kinds.includes(kind);

/**
 * Who gets a transition by which channel, in the order of `people`, each (person, channel)
 * at most once. `prefsOf` gives a person's stored choices (undefined: never chose).
 */
export function recipients(
  notice: Pick<AlertNotice, 'episode' | 'transition'>,
  people: readonly Person[],
  prefsOf: (username: string) => NotificationPreferences | undefined,
): Recipient[] {
  const { episode, transition } = notice;
  const escalation = transition.to === 'escalated' || transition.to === 'reminded';
  const out: Recipient[] = [];
  for (const person of people) {
    if (person.disabled || person.role === 'association') continue;
    const prefs = effectivePreferences(person.role, prefsOf(person.username));
    const chosen = (channel: NotificationChannel) =>
      admits(prefs.channels[channel], episode.severity, episode.kind);
    for (const channel of NotificationChannel.options) {
      let gets: boolean;
      if (person.role === 'driver') {
        const forced = channel === 'push' && episode.severity === 'critical' && transition.to === 'open';
        gets = !escalation && person.vans.includes(episode.van) && (forced || chosen(channel));
      } else if (escalation) {
        gets = prefs.escalations && (channel === 'push' || chosen(channel));
      } else {
        gets = chosen(channel);
      }
      if (gets) out.push({ username: person.username, channel });
    }
  }
  return out;
}
