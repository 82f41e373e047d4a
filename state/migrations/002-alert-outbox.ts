import type { Migration } from '../migrator.ts';

/**
 * Issue 13, durable side effects: each stored alert transition's owed deliveries (webhook,
 * van topic), written in the transition's transaction and removed once delivered
 * (state/outbox-repository.ts). `IF NOT EXISTS`: a state.db from before versioning may have
 * it already, created by the repository itself.
 */
export const alertOutbox: Migration = {
  version: 2,
  name: 'alert outbox: deliveries owed for each alert transition',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS alert_outbox (
        id TEXT PRIMARY KEY,
        channel TEXT NOT NULL,
        seq INTEGER NOT NULL,
        notice TEXT NOT NULL,
        owed_since INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_attempt_at INTEGER,
        last_error TEXT
      );
      CREATE INDEX IF NOT EXISTS alert_outbox_channel_seq ON alert_outbox (channel, seq);
    `);
  },
};
