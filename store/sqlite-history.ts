import type Database from 'better-sqlite3';
import { DOOR_PAGE_SIZE, doorTransitions, yieldToEventLoop, type DoorRow } from './door-transitions.ts';
import { checkHistoryQuery } from './history-query.ts';
import type { History, HistoryBucket, HistoryQuery, SensorHistory } from './reading-store.ts';

/**
 * How long one synchronous SQLite statement of a history may run, ms (issue 11, 7): the
 * process also runs the broker and ingest, and a week's history in one statement held them
 * for 600 ms. The range is read in slices whose width adapts to stay near this.
 */
export const SLICE_TARGET_MS = 8;

/**
 * The history query over the embedded store's `readings` table. Buckets are computed in SQL
 * with integer division, which aligns them on the epoch exactly as InfluxQL's
 * `GROUP BY time()` does, so both stores draw the same chart. Neither part is one statement
 * over the whole range: buckets are read slice by slice (slices end on bucket boundaries, so
 * no bucket is split), doors page by page, yielding to the event loop between them.
 */
export function sqliteHistory(db: Database.Database): (query: HistoryQuery) => Promise<History> {
  return async (query) => {
    checkHistoryQuery(query);
    const filters: Array<[string, string]> = [];
    if (query.compartment !== undefined) filters.push(['compartment', query.compartment]);
    if (query.sensor !== undefined) filters.push(['sensor', query.sensor]);
    const extra = filters.map(([column]) => ` AND ${column} = ?`).join('');
    const args = filters.map(([, value]) => value);
    const bucketsIn = db.prepare(
      `SELECT (ts / CAST(? AS INTEGER)) * CAST(? AS INTEGER) AS start, MIN(value) AS min, AVG(value) AS mean, MAX(value) AS max, COUNT(*) AS count
       FROM readings WHERE van = ? AND kind = 'temperature' AND ts >= ? AND ts < ?${extra}
       GROUP BY start ORDER BY start`,
    );
    const bySensorIn = db.prepare(
      `SELECT sensor, (ts / CAST(? AS INTEGER)) * CAST(? AS INTEGER) AS start, MIN(value) AS min, AVG(value) AS mean, MAX(value) AS max, COUNT(*) AS count
       FROM readings WHERE van = ? AND kind = 'temperature' AND ts >= ? AND ts < ?${extra}
       GROUP BY sensor, start ORDER BY sensor, start`,
    );
    const b = query.bucketMs;
    const buckets: HistoryBucket[] = [];
    const sensorRows: Array<HistoryBucket & { sensor: string }> = [];
    // First guess: an hour per slice (a few hundred rows per sensor), then halve or double.
    let width = Math.max(1, Math.floor(3_600_000 / b));
    for (let from = query.from; from < query.to;) {
      const to = Math.min(query.to, (Math.floor(from / b) + width) * b);
      const started = performance.now();
      buckets.push(...(bucketsIn.all(b, b, query.van, from, to, ...args) as HistoryBucket[]));
      if (query.bySensor)
        sensorRows.push(
          ...(bySensorIn.all(b, b, query.van, from, to, ...args) as Array<
            HistoryBucket & { sensor: string }
          >),
        );
      const took = performance.now() - started;
      if (took > 2 * SLICE_TARGET_MS) width = Math.max(1, Math.floor(width / 2));
      else if (took < SLICE_TARGET_MS / 2) width *= 2;
      from = to;
      if (from < query.to) await yieldToEventLoop();
    }

    const doorFilter = query.compartment !== undefined ? ' AND compartment = ?' : '';
    const doorArgs = query.compartment !== undefined ? [query.compartment] : [];
    const doorPage = db.prepare(
      `SELECT ts, seq, compartment, value FROM readings
       WHERE van = ? AND ts >= ? AND ts < ? AND kind = 'door'${doorFilter} AND (ts > ? OR seq > ?)
       ORDER BY ts, seq LIMIT ${DOOR_PAGE_SIZE}`,
    );
    const { doors, truncated } = await doorTransitions((after) =>
      // From the last row read: `ts >= ?` keeps the (van, ts) index range, the rest skips what was read.
      (
        doorPage.all(
          query.van,
          after?.ts ?? query.from,
          query.to,
          ...doorArgs,
          after?.ts ?? query.from - 1,
          after?.seq ?? Number.MAX_SAFE_INTEGER,
        ) as Array<{ ts: number; seq: number; compartment: string; value: number }>
      ).map((r): DoorRow => ({ ts: r.ts, seq: r.seq, compartment: r.compartment, open: r.value === 1 })),
    );
    const sensors = query.bySensor
      ? groupBySensor(sensorRows.sort((x, y) => x.sensor.localeCompare(y.sensor) || x.start - y.start))
      : undefined;
    return { buckets, ...(sensors ? { sensors } : {}), doors, truncated };
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
