import type { StateDb } from './state-db.ts';

/**
 * Calls `onChange` when another process commits to the state database, checked every
 * `intervalMs`. SQLite's `PRAGMA data_version` changes exactly then (never for this
 * connection's own writes), so one cheap query per interval is the whole cost. This is how
 * the broker learns of a `givre device revoke` run in another process (issue 4).
 */
export function watchStateDbChanges(db: StateDb, intervalMs: number, onChange: () => void): () => void {
  const version = () => db.pragma('data_version', { simple: true }) as number;
  let last = version();
  const timer = setInterval(() => {
    if (!db.open) return;
    const now = version();
    if (now !== last) {
      last = now;
      onChange();
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
