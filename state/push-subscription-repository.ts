import type { PushSubscriptionBody } from '../core/api/push.ts';
import type { StateDb } from './state-db.ts';

/** One browser's Web Push subscription, for one person (issue 15). */
export interface PushSubscriptionRecord {
  /** Stable: push deliveries are owed to it (`{seq}.push.{id}`). */
  id: string;
  username: string;
  /** The push service's URL for that browser: a capability, shown to its owner only. */
  endpoint: string;
  /** The browser's P-256 public key and 16-byte auth secret, base64url (RFC 8291). */
  p256dh: string;
  auth: string;
  /** Wall time, ms. */
  createdAt: number;
  /** Wall time of the last delivery the push service accepted, ms; null before the first. */
  lastSuccessAt: number | null;
}

/**
 * People's push subscriptions in the state store: the dashboard stores and removes them for
 * the signed-in person, ingest reads them to owe deliveries and removes those the push service
 * says are gone (404, 410).
 */
export interface PushSubscriptionRepository {
  /**
   * Stores a browser's subscription for `username`. An endpoint stored before for another
   * person (a shared phone, signed in by someone else) moves to this person under a new id: what
   * was owed to the old one is then never sent to the new person. The same person subscribing
   * again keeps the id, with the browser's keys of now.
   */
  put(username: string, body: PushSubscriptionBody, now: number): PushSubscriptionRecord;
  /** The person's own subscriptions, oldest first. */
  of(username: string): PushSubscriptionRecord[];
  /** The subscriptions of these people (ingest, when owing a transition). */
  ofPeople(usernames: readonly string[]): PushSubscriptionRecord[];
  get(id: string): PushSubscriptionRecord | undefined;
  /** Removes a person's subscription by its endpoint; false when they had none there. */
  removeEndpoint(username: string, endpoint: string): boolean;
  /** Removes a subscription the push service says is gone. */
  remove(id: string): boolean;
  /** The push service accepted a delivery to it. */
  succeeded(id: string, now: number): void;
}

interface Row {
  id: number;
  username: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  created_at: number;
  last_success_at: number | null;
}

const toRecord = (r: Row): PushSubscriptionRecord => ({
  id: String(r.id),
  username: r.username,
  endpoint: r.endpoint,
  p256dh: r.p256dh,
  auth: r.auth,
  createdAt: r.created_at,
  lastSuccessAt: r.last_success_at,
});

export function createPushSubscriptionRepository(db: StateDb): PushSubscriptionRepository {
  const byEndpoint = db.prepare<[string], Row>('SELECT * FROM push_subscriptions WHERE endpoint = ?');
  const byId = db.prepare<[number], Row>('SELECT * FROM push_subscriptions WHERE id = ?');
  const byUser = db.prepare<[string], Row>('SELECT * FROM push_subscriptions WHERE username = ? ORDER BY id');
  const all = db.prepare<[], Row>('SELECT * FROM push_subscriptions ORDER BY id');
  const insert = db.prepare(
    'INSERT INTO push_subscriptions (username, endpoint, p256dh, auth, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const rekey = db.prepare('UPDATE push_subscriptions SET p256dh = ?, auth = ? WHERE id = ?');
  const removeById = db.prepare('DELETE FROM push_subscriptions WHERE id = ?');
  const removeOwn = db.prepare('DELETE FROM push_subscriptions WHERE username = ? AND endpoint = ?');
  const success = db.prepare('UPDATE push_subscriptions SET last_success_at = ? WHERE id = ?');
  const put = db.transaction((username: string, body: PushSubscriptionBody, now: number) => {
    const existing = byEndpoint.get(body.endpoint);
    if (existing?.username === username) {
      rekey.run(body.keys.p256dh, body.keys.auth, existing.id);
      return toRecord(byId.get(existing.id)!);
    }
    if (existing) removeById.run(existing.id);
    const { lastInsertRowid } = insert.run(username, body.endpoint, body.keys.p256dh, body.keys.auth, now);
    return toRecord(byId.get(Number(lastInsertRowid))!);
  });
  return {
    put: (username, body, now) => put.immediate(username, body, now),
    of: (username) => byUser.all(username).map(toRecord),
    ofPeople(usernames) {
      if (usernames.length === 0) return [];
      const wanted = new Set(usernames);
      return all
        .all()
        .filter((r) => wanted.has(r.username))
        .map(toRecord);
    },
    get(id) {
      const row = /^\d+$/.test(id) ? byId.get(Number(id)) : undefined;
      return row ? toRecord(row) : undefined;
    },
    removeEndpoint: (username, endpoint) => removeOwn.run(username, endpoint).changes > 0,
    remove: (id) => /^\d+$/.test(id) && removeById.run(Number(id)).changes > 0,
    succeeded: (id, now) => void success.run(now, Number(id)),
  };
}
