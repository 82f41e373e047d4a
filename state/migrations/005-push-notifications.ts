import type { Migration } from '../migrator.ts';

/**
 * Issue 15, the driver's phone: each person's Web Push subscriptions (a browser's endpoint and
 * keys, RFC 8291), each person's notification preferences (JSON of core/api/push.ts
 * `NotificationPreferences`; no row: the defaults of their role), and in the alert outbox the
 * subscription a push delivery is for (`target`) and when a delivery that failed is tried again
 * (`next_attempt_at`, wall ms): push deliveries back off one subscription at a time.
 */
export const pushNotifications: Migration = {
  version: 5,
  name: 'push notifications: subscriptions, preferences, per-delivery retry in the outbox',
  up(db) {
    db.exec(`
      CREATE TABLE push_subscriptions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        username TEXT NOT NULL,
        endpoint TEXT NOT NULL UNIQUE,
        p256dh TEXT NOT NULL,
        auth TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_success_at INTEGER
      );
      CREATE INDEX push_subscriptions_username ON push_subscriptions (username);
      CREATE TABLE notification_preferences (
        username TEXT PRIMARY KEY,
        preferences TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
      ALTER TABLE alert_outbox ADD COLUMN target TEXT;
      ALTER TABLE alert_outbox ADD COLUMN next_attempt_at INTEGER;
      CREATE INDEX alert_outbox_channel_target_seq ON alert_outbox (channel, target, seq);
    `);
  },
};
