import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { influxql, type Influxd } from '../test/harness/influxd.ts';

/** Device-time window of one run's readings, epoch ms, `[fromMs, toMs)` (bench/telemetry.ts). */
export interface RunWindow {
  fromMs: number;
  toMs: number;
  vans: readonly string[];
  readingsPerMessage: number;
}

/** The store's own count of one run's readings: the proof of what was kept. */
export type StoredCount = (window: RunWindow) => Promise<number>;

/**
 * Readings in `givre.db` (the readings table), read-only beside ingest as an auditor would, by
 * van over the run's device time (the `(van, ts)` index): a range of the run, never the table.
 */
export function sqliteCount(dataDir: string): StoredCount & { close(): void } {
  const path = join(dataDir, 'givre.db');
  let db: Database.Database | undefined;
  let query: Database.Statement<[string, number, number], { n: number }> | undefined;
  const count = async (window: RunWindow) => {
    if (!db) {
      if (!existsSync(path)) return 0;
      db = new Database(path, { readonly: true, fileMustExist: true });
      query = db.prepare('SELECT COUNT(*) AS n FROM readings WHERE van = ? AND ts >= ? AND ts < ?');
    }
    let n = 0;
    for (const van of window.vans) n += query!.get(van, window.fromMs, window.toMs)!.n;
    return n;
  };
  return Object.assign(count, { close: () => db?.close() });
}

/** Temperature points InfluxDB holds in the run's device time (Givre's and the peer's schema alike: `temperature`, field `celsius`). */
export function influxCount(influxd: Influxd, database: string): StoredCount {
  return async (window) => {
    const json = (await influxql(
      influxd,
      `SELECT COUNT("celsius") FROM "temperature" WHERE time >= ${window.fromMs}ms AND time < ${window.toMs}ms`,
      database,
    )) as { results: Array<{ series?: Array<{ values: Array<[unknown, number]> }> }> };
    return json.results[0]?.series?.[0]?.values[0]?.[1] ?? 0;
  };
}
