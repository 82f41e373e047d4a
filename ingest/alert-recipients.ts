import type { AlertNotice } from '../core/alerts/alert-notice.ts';
import { recipients, type Person } from '../core/people/notification-preferences.ts';
import type { NotificationPreferenceRepository } from '../state/notification-preference-repository.ts';
import type { PushSubscriptionRepository } from '../state/push-subscription-repository.ts';
import type { UserRepository } from '../state/user-repository.ts';

/** Issue 15: whom a transition reaches, read from the state store and decided by core's one rule. */
export interface AlertRecipients {
  /** The subscriptions owed a push of this transition (ids), read inside the transaction that stores it. */
  pushTargets(notice: AlertNotice): string[];
  /** The people whose preferences chose SMS for this transition: what the webhook's gateway texts. */
  smsRecipients(notice: AlertNotice): { username: string }[];
}

export function createAlertRecipients(deps: {
  users: Pick<UserRepository, 'list'>;
  preferences: NotificationPreferenceRepository;
  subscriptions: Pick<PushSubscriptionRepository, 'ofPeople'>;
}): AlertRecipients {
  // A few people per installation: read afresh per transition, so a change made on the
  // dashboard (another process) counts from the next transition on.
  const decide = (notice: AlertNotice, channel: 'push' | 'sms') => {
    const people: Person[] = deps.users.list().map((u) => ({
      username: u.username,
      role: u.role,
      vans: u.vans,
      disabled: u.disabledAt !== null,
    }));
    const prefs = deps.preferences.all();
    return recipients(notice, people, (u) => prefs.get(u))
      .filter((r) => r.channel === channel)
      .map((r) => r.username);
  };
  return {
    pushTargets: (notice) => deps.subscriptions.ofPeople(decide(notice, 'push')).map((s) => s.id),
    smsRecipients: (notice) => decide(notice, 'sms').map((username) => ({ username })),
  };
}
