import { afterEach, describe, expect, it } from 'vitest';
import { createNotificationPreferenceRepository } from './notification-preference-repository.ts';
import { alertsWithOutbox, recordOpenedAndResolved } from './outbox-test-fixtures.ts';
import { createPushSubscriptionRepository } from './push-subscription-repository.ts';
import { openStateDb, type StateDb } from './state-db.ts';

const sub = (endpoint: string, auth = 'c2VjcmV0LXNlY3JldC0xNg') => ({
  endpoint,
  keys: { p256dh: 'BPublicKeyOfTheBrowser', auth },
});

describe('push subscriptions, preferences and per-subscription deliveries in the state store (issue 15)', () => {
  const dbs: StateDb[] = [];
  afterEach(() => {
    for (const db of dbs.splice(0)) db.close();
  });
  const open = () => {
    const db = openStateDb(':memory:');
    dbs.push(db);
    return db;
  };

  it('keeps one row per endpoint: the same person re-subscribing keeps its id, another person takes it over under a new id', () => {
    const subs = createPushSubscriptionRepository(open());
    const first = subs.put('dina', sub('https://push.example/a'), 10);
    const again = subs.put('dina', sub('https://push.example/a', 'bmV3LWF1dGgtc2VjcmV0'), 20);
    expect(again).toMatchObject({ id: first.id, auth: 'bmV3LWF1dGgtc2VjcmV0', createdAt: 10 });
    subs.put('dina', sub('https://push.example/b'), 30);
    expect(subs.of('dina').map((s) => s.endpoint)).toEqual([
      'https://push.example/a',
      'https://push.example/b',
    ]);

    const moved = subs.put('oscar', sub('https://push.example/a'), 40);
    expect(moved.id).not.toBe(first.id);
    expect(subs.get(first.id)).toBeUndefined();
    expect(subs.of('dina').map((s) => s.endpoint)).toEqual(['https://push.example/b']);
    expect(subs.of('oscar').map((s) => s.endpoint)).toEqual(['https://push.example/a']);
    expect(subs.ofPeople(['oscar', 'nobody']).map((s) => s.username)).toEqual(['oscar']);
  });

  it('removes a person’s own endpoint only, and one the push service says is gone', () => {
    const subs = createPushSubscriptionRepository(open());
    const s = subs.put('dina', sub('https://push.example/a'), 10);
    expect(subs.removeEndpoint('oscar', 'https://push.example/a')).toBe(false);
    subs.succeeded(s.id, 50);
    expect(subs.get(s.id)?.lastSuccessAt).toBe(50);
    expect(subs.remove(s.id)).toBe(true);
    expect(subs.remove(s.id)).toBe(false);
    expect(subs.remove('not-an-id')).toBe(false);
    expect(subs.of('dina')).toEqual([]);
  });

  it('stores a person’s choices as given and ignores a row it cannot read', () => {
    const db = open();
    const prefs = createNotificationPreferenceRepository(db);
    expect(prefs.get('dina')).toBeUndefined();
    const choice = {
      channels: {
        push: { severities: ['critical' as const], kinds: ['excursion' as const] },
        sms: { severities: [], kinds: [] },
      },
      escalations: false,
    };
    prefs.put('dina', choice, 10);
    expect(prefs.get('dina')).toEqual(choice);
    db.prepare("INSERT INTO notification_preferences VALUES ('oscar', '{\"channels\":1}', 10)").run();
    expect(prefs.get('oscar')).toBeUndefined();
    expect([...prefs.all().keys()]).toEqual(['dina']);
  });

  it('owes push per subscription: each one’s transitions in order, a failing one backing off alone', () => {
    const db = open();
    const { alerts, outbox } = alertsWithOutbox(db, false);
    const [opened, resolved] = recordOpenedAndResolved(alerts, 'VAN-01');
    for (const { notice } of outbox.owed('van', 10)) outbox.oweEach(notice, 'push', ['1', '2'], 0);
    expect(outbox.dueHeads('push', 0, 10).map((d) => d.id)).toEqual([`${opened}.push.1`, `${opened}.push.2`]);

    // Subscription 1's push service fails: it waits until its retry time, 2 goes on.
    outbox.failed(`${opened}.push.1`, 'HTTP 500', 0, 5_000);
    outbox.settle(`${opened}.push.2`);
    expect(outbox.dueHeads('push', 1_000, 10).map((d) => d.id)).toEqual([`${resolved}.push.2`]);
    expect(outbox.nextRetryAt('push')).toBe(5_000);
    expect(outbox.dueHeads('push', 5_000, 10)[0]).toMatchObject({
      id: `${opened}.push.1`,
      attempts: 1,
      target: '1',
    });

    // Subscription 1 is gone: what it was owed leaves with it.
    expect(outbox.settleTarget('push', '1')).toBe(2);
    expect(outbox.count('push')).toBe(1);
  });
});
