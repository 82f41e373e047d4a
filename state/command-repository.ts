import type { CommandReply } from '../core/ops-messages.ts';
import type { StateDb } from './state-db.ts';

/**
 * Commands ingest has carried out, with the reply it gave (issue 9). Written by ingest only.
 * A command redelivered by the broker (ingest stopped before acknowledging it) is answered
 * from here instead of being applied twice; a dashboard whose reply got lost reads it here.
 */
export interface CommandRepository {
  reply(id: string): CommandReply | undefined;
  record(id: string, reply: CommandReply, at: number): void;
}

export function createCommandRepository(db: StateDb): CommandRepository {
  db.exec(`
    CREATE TABLE IF NOT EXISTS commands (
      id TEXT PRIMARY KEY,
      at INTEGER NOT NULL,
      reply TEXT NOT NULL
    );
  `);
  const byId = db.prepare<[string], { reply: string }>('SELECT reply FROM commands WHERE id = ?');
  const insert = db.prepare('INSERT OR IGNORE INTO commands (id, at, reply) VALUES (?, ?, ?)');
  return {
    reply(id) {
      const row = byId.get(id);
      return row ? (JSON.parse(row.reply) as CommandReply) : undefined;
    },
    record(id, reply, at) {
      insert.run(id, at, JSON.stringify(reply));
    },
  };
}
