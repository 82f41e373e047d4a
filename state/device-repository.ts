import type { StateDb } from './state-db.ts';

/** Who created a device's credentials: an administrator (`givre device add`, the admin page) or the demo. */
export type DeviceOrigin = 'cli' | 'admin' | 'demo';

export interface DeviceRecord {
  van: string;
  /** `scrypt$N$r$p$salt$hash` (broker/secret-hash.ts); the secret itself is never stored. */
  secretHash: string;
  origin: DeviceOrigin;
  /** Wall time the current secret was issued, ms. */
  createdAt: number;
  /** Wall time of revocation, ms; null while the credentials are valid. */
  revokedAt: number | null;
}

export type DeviceSummary = Omit<DeviceRecord, 'secretHash'>;

/**
 * Van credentials. Written by `givre device`, the dashboard's admin page and the demo
 * (`givre start --simulate`); the broker reads.
 */
export interface DeviceRepository {
  get(van: string): DeviceRecord | undefined;
  list(): DeviceSummary[];
  /** Stores a (new) secret hash for `van`, replacing any earlier one and clearing a revocation. */
  put(van: string, secretHash: string, origin: DeviceOrigin, now: number): void;
  /** Marks the van revoked; false when it has no credentials or is already revoked. */
  revoke(van: string, now: number): boolean;
  /**
   * Calls `listener` after every change made through any repository on this database
   * connection. Changes made by another process (`givre device revoke`) are seen by
   * `watchStateDbChanges` instead.
   */
  onChange(listener: () => void): () => void;
}

interface Row {
  van: string;
  secret_hash: string;
  origin: DeviceOrigin;
  created_at: number;
  revoked_at: number | null;
}

const toRecord = (row: Row): DeviceRecord => ({
  van: row.van,
  secretHash: row.secret_hash,
  origin: row.origin,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});

/**
 * Listeners per connection, not per repository: in `givre start` the broker and the dashboard
 * each build a repository on the one shared connection, and SQLite's `data_version` (which
 * `watchStateDbChanges` reads) never moves for a connection's own writes — so a van revoked
 * on the admin page would otherwise stay connected until it reconnected (issue 12).
 */
const listenersOf = new WeakMap<StateDb, Set<() => void>>();

/** Device credentials in the state database (issue 4): one row per van, revocation kept. */
export function createDeviceRepository(db: StateDb): DeviceRepository {
  const byVan = db.prepare<[string], Row>('SELECT * FROM devices WHERE van = ?');
  const all = db.prepare<[], Row>('SELECT * FROM devices ORDER BY van');
  const upsert = db.prepare(`
    INSERT INTO devices (van, secret_hash, origin, created_at, revoked_at) VALUES (?, ?, ?, ?, NULL)
    ON CONFLICT (van) DO UPDATE SET secret_hash = excluded.secret_hash, origin = excluded.origin,
      created_at = excluded.created_at, revoked_at = NULL`);
  const markRevoked = db.prepare('UPDATE devices SET revoked_at = ? WHERE van = ? AND revoked_at IS NULL');
  const listeners = listenersOf.get(db) ?? new Set<() => void>();
  listenersOf.set(db, listeners);
  const changed = () => {
    for (const listener of listeners) listener();
  };

  return {
    get(van) {
      const row = byVan.get(van);
      return row ? toRecord(row) : undefined;
    },
    list: () =>
      all.all().map((row) => {
        const { secretHash: _hidden, ...summary } = toRecord(row);
        return summary;
      }),
    put(van, secretHash, origin, now) {
      upsert.run(van, secretHash, origin, now);
      changed();
    },
    revoke(van, now) {
      const done = markRevoked.run(now, van).changes > 0;
      if (done) changed();
      return done;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
