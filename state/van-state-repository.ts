import { VanState } from '../core/van-state.ts';
import type { StateDb } from './state-db.ts';

/**
 * The latest state of every van (issue 9). Written by ingest only, at most about once a
 * second per van (beside its `givre/v1/ops/fleet/{van}` message); read by ingest when it
 * starts again and by dashboards when they start or reconnect to the broker, so neither
 * trusts that it saw every message.
 */
export interface VanStateRepository {
  save(state: VanState): void;
  all(): VanState[];
}

export function createVanStateRepository(db: StateDb): VanStateRepository {
  const upsert = db.prepare(
    'INSERT INTO van_states (van, state) VALUES (?, ?) ON CONFLICT (van) DO UPDATE SET state = excluded.state',
  );
  const all = db.prepare<[], { state: string }>('SELECT state FROM van_states ORDER BY van');
  return {
    save: (state) => void upsert.run(state.van, JSON.stringify(state)),
    // Parsed, not cast: a row written by an older version is skipped rather than shown wrong.
    all: () =>
      all
        .all()
        .map((row) => VanState.safeParse(JSON.parse(row.state)))
        .flatMap((parsed) => (parsed.success ? [parsed.data] : [])),
  };
}
