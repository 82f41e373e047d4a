import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { AlertEpisode } from '../../core/alert-episode.ts';

/** One stored transition of an alert, in the state store's order (`seq`: its delivery ids' number). */
export interface StoredTransition {
  seq: number;
  alertId: string;
  to: string;
}

/**
 * The alerts ingest keeps in the state store (`state.db` under GIVRE_DATA_DIR), read from the
 * test's process read-only while the services write it (WAL): what `GET /api/alerts` shows.
 */
export interface StoredAlerts {
  /** Every episode, or one van's, oldest first. */
  episodes(van?: string): AlertEpisode[];
  /** Every transition, in `seq` order. */
  transitions(): StoredTransition[];
  /** Deliveries still owed on a channel (`van`, `webhook`): the outbox. */
  owed(channel: 'van' | 'webhook'): number;
  close(): void;
}

export function storedAlerts(dataDir: string): StoredAlerts {
  const db = new Database(join(dataDir, 'state.db'), { readonly: true, fileMustExist: true });
  return {
    episodes: (van) =>
      (van === undefined
        ? db.prepare<[], { episode: string }>('SELECT episode FROM alerts ORDER BY started_at').all()
        : db
            .prepare<[string], { episode: string }>(
              'SELECT episode FROM alerts WHERE van = ? ORDER BY started_at',
            )
            .all(van)
      ).map((r) => JSON.parse(r.episode) as AlertEpisode),
    transitions: () =>
      db
        .prepare<[], StoredTransition>(
          `SELECT seq, alert_id AS alertId, json_extract(transition, '$.to') AS "to" FROM alert_transitions ORDER BY seq`,
        )
        .all(),
    owed: (channel) =>
      db
        .prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM alert_outbox WHERE channel = ?')
        .get(channel)!.n,
    close: () => db.close(),
  };
}
