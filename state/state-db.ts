import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type StateDb = Database.Database;

/** How long a writer waits for another process's write transaction to finish, ms. */
export const BUSY_TIMEOUT_MS = 5_000;

/**
 * The state store: loads, alerts, users, certificates — what Givre decides and people do,
 * as opposed to the time series. One per installation (issue 9): every service of it opens
 * the same `state.db` under a shared GIVRE_DATA_DIR (WAL: readers never block the writer;
 * a writer waits up to BUSY_TIMEOUT_MS for another). Also when readings go to InfluxDB.
 * Each repository creates its own tables (`CREATE TABLE IF NOT EXISTS`) when it is built,
 * so features stay independent, and says which service writes it:
 *
 * | repository                 | written by                                         |
 * |----------------------------|----------------------------------------------------|
 * | alerts, alert_transitions  | ingest                                             |
 * | loads, load_events         | ingest (commands from dashboards)                  |
 * | certificates               | ingest                                             |
 * | commands, van_states       | ingest                                             |
 * | alert_outbox               | ingest (in the transaction of each transition)     |
 * | users                      | `givre user`, dashboard (admin page: add, disable, |
 * |                            | re-enable)                                         |
 * | sessions, audit_log        | dashboard (and the CLI's audit)                    |
 * | devices                    | `givre device`, dashboard (admin page: add,        |
 * |                            | revoke), `givre start` demo                        |
 * | associations               | dashboard (admins), the demo                       |
 */
export function openStateDb(path: string): StateDb {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return db;
}
