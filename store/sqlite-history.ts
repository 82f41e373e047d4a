import type Database from 'better-sqlite3';
import { checkHistoryQuery } from './history-query.ts';
import type { History, HistoryBucket, HistoryQuery, SensorHistory } from './reading-store.ts';

/**
 * The history query over the embedded store's `readings` table. Buckets are computed in SQL
 * with integer division, which aligns them on the epoch exactly as InfluxQL's
 * `GROUP BY time()` does, so both stores draw the same chart.
 */
export function sqliteHistory(db: Database.Database): (query: HistoryQuery) => History {
  return (query) => {
    checkHistoryQuery(query);
    const filters: Array<[string, string]> = [];
    if (query.compartment !== undefined) filters.push(['compartment', query.compartment]);
    if (query.sensor !== undefined) filters.push(['sensor', query.sensor]);
    const extra = filters.map(([column]) => ` AND ${column} = ?`).join('');
    const args = filters.map(([, value]) => value);
    const buckets = db
      .prepare(
        `SELECT (ts / CAST(? AS INTEGER)) * CAST(? AS INTEGER) AS start, MIN(value) AS min, AVG(value) AS mean, MAX(value) AS max, COUNT(*) AS count
         FROM readings WHERE van = ? AND kind = 'temperature' AND ts >= ? AND ts < ?${extra}
         GROUP BY start ORDER BY start`,
      )
      .all(query.bucketMs, query.bucketMs, query.van, query.from, query.to, ...args) as History['buckets'];
    const sensors = query.bySensor
      ? groupBySensor(
          db
            .prepare(
              `SELECT sensor, (ts / CAST(? AS INTEGER)) * CAST(? AS INTEGER) AS start, MIN(value) AS min, AVG(value) AS mean, MAX(value) AS max, COUNT(*) AS count
               FROM readings WHERE van = ? AND kind = 'temperature' AND ts >= ? AND ts < ?${extra}
               GROUP BY sensor, start ORDER BY sensor, start`,
            )
            .all(query.bucketMs, query.bucketMs, query.van, query.from, query.to, ...args) as Array<
            HistoryBucket & { sensor: string }
          >,
        )
      : undefined;

    const doorFilter = query.compartment !== undefined ? ' AND compartment = ?' : '';
    const doorArgs = query.compartment !== undefined ? [query.compartment] : [];
    const doors = db
      .prepare(
        `SELECT ts, compartment, value FROM readings
         WHERE van = ? AND kind = 'door' AND ts >= ? AND ts < ?${doorFilter} ORDER BY ts, seq`,
      )
      .all(query.van, query.from, query.to, ...doorArgs) as Array<{
      ts: number;
      compartment: string;
      value: number;
    }>;
    return {
      buckets,
      ...(sensors ? { sensors } : {}),
      doors: doors.map((d) => ({ ts: d.ts, compartment: d.compartment, open: d.value === 1 })),
    };
  };
}

/** Rows sorted by sensor, then start, into one series per sensor. */
function groupBySensor(rows: ReadonlyArray<HistoryBucket & { sensor: string }>): SensorHistory[] {
  const out: SensorHistory[] = [];
  for (const { sensor, ...bucket } of rows) {
    if (out.at(-1)?.sensor !== sensor) out.push({ sensor, buckets: [] });
    out.at(-1)!.buckets.push(bucket);
  }
  return out;
}
