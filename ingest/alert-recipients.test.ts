import { afterEach, describe, expect, it } from 'vitest';
import type { AlertNotice } from '../core/alerts/alert-notice.ts';
import type { Role } from '../core/people/principal.ts';
import { createNotificationPreferenceRepository } from '../state/notification-preference-repository.ts';
import { createPushSubscriptionRepository } from '../state/push-subscription-repository.ts';
import { openStateDb, type StateDb } from '../state/state-db.ts';
import { createUserRepository } from '../state/user-repository.ts';
import { createAlertRecipients } from './alert-recipients.ts';
import { webhookBody } from './alert-webhook-channel.ts';

const notice = (to: 'open' | 'escalated'): AlertNotice => ({
  seq: 7,
  episode: {
    id: 'al-1',
    van: 'VAN-01',
    compartment: 'chilled',
    kind: 'excursion',
    severity: 'critical',
    state: 'open',
    startedAt: 0,
    detectedAt: 0,
    resolvedAt: null,
    limit: 7,
    peak: 9,
    acknowledgement: null,
    transitions: [],
  },
  transition: { to, at: 0 },
});

describe('whom ingest owes an alert, from the state store (issue 15)', () => {
  const dbs: StateDb[] = [];
  afterEach(() => {
    for (const db of dbs.splice(0)) db.close();
  });

  it('owes pushes to the subscriptions of the people picked, and names those who chose SMS in the webhook body', () => {
    const db = openStateDb(':memory:');
    dbs.push(db);
    const users = createUserRepository(db);
    const person = (username: string, role: Role, vans: string[] = []) =>
      users.put({
        username,
        passwordHash: 'scrypt$x',
        role,
        vans,
        association: null,
        origin: 'cli',
        createdAt: 0,
      });
    person('dina', 'driver', ['VAN-01']);
    person('oscar', 'driver', ['VAN-02']);
    person('cora', 'coordinator');
    const subscriptions = createPushSubscriptionRepository(db);
    const keys = { p256dh: 'BKey', auth: 'QXV0aA' };
    const dina = subscriptions.put('dina', { endpoint: 'https://push.example/dina', keys }, 0);
    subscriptions.put('oscar', { endpoint: 'https://push.example/oscar', keys }, 0);
    const cora = subscriptions.put('cora', { endpoint: 'https://push.example/cora', keys }, 0);
    const preferences = createNotificationPreferenceRepository(db);
    preferences.put(
      'cora',
      {
        channels: {
          push: { severities: [], kinds: [] },
          sms: { severities: ['critical'], kinds: ['excursion'] },
        },
        escalations: true,
      },
      0,
    );
    const recipients = createAlertRecipients({ users, preferences, subscriptions });

    expect(recipients.pushTargets(notice('open'))).toEqual([dina.id]);
    expect(recipients.pushTargets(notice('escalated'))).toEqual([cora.id]);
    const sms = recipients.smsRecipients(notice('open'));
    expect(sms).toEqual([{ username: 'cora' }]);
    expect(JSON.parse(webhookBody('7.webhook', notice('open'), sms))).toMatchObject({
      event: 'alert.open',
      delivery: '7.webhook',
      seq: 7,
      episode: { id: 'al-1' },
      recipients: [{ username: 'cora' }],
    });

    users.disable('dina', 1);
    expect(recipients.pushTargets(notice('open'))).toEqual([]);
  });
});
