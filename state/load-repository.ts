import type { Load, LoadEvent } from '../core/loads/load.ts';
import type { OnBoardLoad } from '../core/loads/loads-period.ts';
import type { StateDb } from './state-db.ts';

export interface LoadFilter {
  /** The association's scope: its page and API see only loads addressed to it. */
  recipient?: string;
  van?: string;
  status?: Load['status'];
  limit: number;
}

/** Loads and their events. Written by ingest (the dashboards' commands) only; dashboards read. */
export interface LoadRepository {
  /** Stores the load as it now is and appends its newest event (the hand-over chain, never rewritten). */
  save(load: Load, event: LoadEvent): void;
  get(id: string): Load | undefined;
  list(filter: LoadFilter): Load[];
  /**
   * Profiles of the loads picked up and not yet delivered in a compartment (the LimitSource).
   * The same frozen array until the loads change (issue 14: callers may key a cache on it).
   */
  onBoardProfiles(van: string, compartment: string): readonly string[];
  /**
   * The loads picked up and not yet delivered in a compartment, with their pickup time (the
   * cumulative rule's period). The same frozen array until the loads change.
   */
  onBoardLoads(van: string, compartment: string): readonly OnBoardLoad[];
}

/** Loads in the state database: the current shape as JSON plus the columns filtered on, and an append-only event log. */
export function createLoadRepository(
  db: StateDb,
  /** How stale another process's load change may be in the on-board answers, ms; wall clock. */
  { recheckMs = 1_000, now = Date.now }: { recheckMs?: number; now?: () => number } = {},
): LoadRepository {
  const upsert = db.prepare(`
    INSERT INTO loads (id, van, compartment, recipient, status, profile, created_at, load)
    VALUES (@id, @van, @compartment, @recipient, @status, @profile, @createdAt, @load)
    ON CONFLICT (id) DO UPDATE SET van = excluded.van, compartment = excluded.compartment,
      recipient = excluded.recipient, status = excluded.status, profile = excluded.profile, load = excluded.load`);
  const append = db.prepare('INSERT INTO load_events (load_id, event) VALUES (?, ?)');
  const byId = db.prepare<[string], { load: string }>('SELECT load FROM loads WHERE id = ?');
  const onBoard = db.prepare<[string, string], { profile: string }>(
    "SELECT profile FROM loads WHERE van = ? AND compartment = ? AND status = 'picked-up'",
  );
  const onBoardTimes = db.prepare<[string, string], OnBoardLoad>(
    "SELECT id, json_extract(load, '$.pickedUpAt') AS pickedUpAt FROM loads WHERE van = ? AND compartment = ? AND status = 'picked-up'",
  );
  // The rules ask what is on board for every message: answer from memory, forgetting it
  // whenever loads change here, and when another process has committed (PRAGMA data_version
  // moves then) — checked at most every `recheckMs`, as the check itself costs a read.
  const dataVersion = db.prepare<[], { data_version: number }>('PRAGMA data_version');
  const cache = new Map<string, { profiles: readonly string[]; loads: readonly OnBoardLoad[] }>();
  let cachedVersion = -1;
  let checkedAt = -Infinity;
  const onBoardOf = (van: string, compartment: string) => {
    const t = now();
    if (t - checkedAt >= recheckMs) {
      checkedAt = t;
      const version = dataVersion.get()?.data_version ?? -1;
      if (version !== cachedVersion) {
        cache.clear();
        cachedVersion = version;
      }
    }
    const key = `${van}\u0000${compartment}`;
    let entry = cache.get(key);
    if (!entry) {
      // Frozen, and handed out as they are: no copy per question (issue 14).
      entry = {
        profiles: Object.freeze(onBoard.all(van, compartment).map((r) => r.profile)),
        loads: Object.freeze(onBoardTimes.all(van, compartment).map((l) => Object.freeze(l))),
      };
      cache.set(key, entry);
    }
    return entry;
  };
  const saveRows = db.transaction((load: Load, event: LoadEvent) => {
    upsert.run({
      id: load.id,
      van: load.van,
      compartment: load.compartment,
      recipient: load.recipient.id,
      status: load.status,
      profile: load.profile,
      createdAt: load.createdAt,
      load: JSON.stringify(load),
    });
    append.run(load.id, JSON.stringify(event));
  });
  return {
    save: (load, event) => {
      saveRows(load, event);
      cache.clear();
    },
    get: (id) => {
      const row = byId.get(id);
      return row ? (JSON.parse(row.load) as Load) : undefined;
    },
    list(filter) {
      const where: string[] = [];
      const params: Record<string, string | number> = { limit: filter.limit };
      for (const key of ['recipient', 'van', 'status'] as const) {
        const value = filter[key];
        if (value === undefined) continue;
        where.push(`${key} = @${key}`);
        params[key] = value;
      }
      const sql = `SELECT load FROM loads ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id LIMIT @limit`;
      return db
        .prepare<Record<string, string | number>, { load: string }>(sql)
        .all(params)
        .map((r) => JSON.parse(r.load) as Load);
    },
    onBoardProfiles: (van, compartment) => onBoardOf(van, compartment).profiles,
    onBoardLoads: (van, compartment) => onBoardOf(van, compartment).loads,
  };
}
