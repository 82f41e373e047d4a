import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate, type Migration } from './migrator.ts';
import { STATE_MIGRATIONS } from './state-migrations.ts';
import { useWal } from '../platform/sqlite-wal.ts';

export type StateDb = Database.Database;

/** How long a writer waits for another process's write transaction to finish, ms. */
export const BUSY_TIMEOUT_MS = 5_000;

/**
 * The state store: loads, alerts, users, certificates — what Givre decides and people do,
 * as opposed to the time series. One per installation (issue 9): every service of it opens
 * the same `state.db` under a shared GIVRE_DATA_DIR (WAL: readers never block the writer;
 * a writer waits up to BUSY_TIMEOUT_MS for another). Also when readings go to InfluxDB.
 * Opening it brings its schema up to date (`state-migrations.ts`, the one owner of every
 * table, issue 13) or refuses a file newer than this code. Each repository says which service
 * writes it:
 *
 * | repository                 | written by                                         |
 * |----------------------------|----------------------------------------------------|
 * | alerts, alert_transitions  | ingest                                             |
 * | loads, load_events         | ingest (commands from dashboards)                  |
 * | certificates               | ingest                                             |
 * | commands, van_states       | ingest                                             |
 * | alert_outbox               | ingest (in the transaction of each transition)     |
 * | seq_tracks                 | ingest (before acknowledging a van's readings)     |
 * | users                      | `givre user`, dashboard (admin page: add, disable, |
 * |                            | re-enable)                                         |
 * | sessions, audit_log        | dashboard (and the CLI's audit)                    |
 * | devices                    | `givre device`, dashboard (admin page: add,        |
 * |                            | revoke), `givre start` demo                        |
 * | associations               | dashboard (admins), the demo                       |
 *
 * `migrations` are the state store's own; a test may give others to prove the migrator.
 */
export function openStateDb(path: string, migrations: readonly Migration[] = STATE_MIGRATIONS): StateDb {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // First, so that switching a new file to WAL and migrating wait for another opener too.
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  useWal(db, BUSY_TIMEOUT_MS);
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  try {
    migrate(db, migrations, path);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
