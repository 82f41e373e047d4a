import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type StateDb = Database.Database;

/**
 * The state store: loads, alerts, users, certificates — what Givre decides and people do,
 * as opposed to the time series. Always SQLite (`state.db` under GIVRE_DATA_DIR), also when
 * readings go to InfluxDB. Each repository creates its own tables (`CREATE TABLE IF NOT
 * EXISTS`) when it is built, so features stay independent.
 */
export function openStateDb(path: string): StateDb {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  return db;
}
