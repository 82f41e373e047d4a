import type Database from 'better-sqlite3';

/** How long to sleep between two attempts, ms. */
const RETRY_EVERY_MS = 10;

/**
 * Switches a connection to WAL. A file no process has switched yet needs an exclusive lock
 * for it, and when several processes open such a file at once SQLite answers some of them
 * SQLITE_BUSY at once, without waiting for `busy_timeout` (waiting could deadlock two
 * connections that both hold a shared lock). So this tries again, every 10 ms, for up to
 * `timeoutMs`; on a file already in WAL it is one statement.
 */
export function useWal(db: Database.Database, timeoutMs: number): void {
  const deadline = Date.now() + timeoutMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw err;
      Atomics.wait(pause, 0, 0, RETRY_EVERY_MS);
    }
  }
}
