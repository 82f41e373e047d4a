import type { InfluxDB } from 'influx';
import { Reading } from '../core/readings.ts';
import { DOOR_PAGE_SIZE, doorTransitions, type DoorRow } from './door-transitions.ts';
import { checkHistoryQuery } from './history-query.ts';
import { MEASUREMENTS } from './influx-line-protocol.ts';
import type { History, HistoryBucket, HistoryQuery, ReadingFilter } from './reading-store.ts';

/** One series of an InfluxQL JSON answer (`/query?epoch=ms`). */
interface Series {
  name: string;
  /** With `GROUP BY "tag"`: the series' tag values. */
  tags?: Record<string, string>;
  columns: string[];
  values: unknown[][];
}

interface RawResponse {
  results?: Array<{ series?: Series[]; error?: string }>;
}

/**
 * Extra rows asked for beyond a page, so that the rows of the last ms already read, skipped
 * on the next page, never make a full page look like the last one (a van has a few doors).
 */
const PAGE_OVERLAP = 16;

const ALL = Object.values(MEASUREMENTS)
  .map((m) => `"${m}"`)
  .join(', ');

/**
 * The reads of the InfluxDB store, in InfluxQL (1.x, 2.x v1-compat, 3.x Core). Values from
 * callers travel as bound parameters (`$van`), never spliced into the query; times are whole
 * ms checked before use. Tags compared as strings, `time` in ms since the epoch.
 */
export class InfluxQueries {
  constructor(private readonly client: InfluxDB) {}

  async count(filter: ReadingFilter = {}): Promise<number> {
    const from = filter.kind ? `"${MEASUREMENTS[filter.kind]}"` : ALL;
    const where = filter.van !== undefined ? ' WHERE "van" = $van' : '';
    const series = await this.query(
      `SELECT COUNT("seq") FROM ${from}${where}`,
      filter.van ? { van: filter.van } : {},
    );
    return series.reduce((sum, s) => sum + Number(s.values[0]?.[1] ?? 0), 0);
  }

  /** Whether any measurement holds the van's record `seq` (a scan of the van's series: rare reads only). */
  async hasSeq(van: string, seq: number): Promise<boolean> {
    if (!Number.isSafeInteger(seq) || seq < 0) return false;
    const series = await this.query(`SELECT COUNT("seq") FROM ${ALL} WHERE "van" = $van AND "seq" = ${seq}`, {
      van,
    });
    return series.some((s) => Number(s.values[0]?.[1] ?? 0) > 0);
  }

  async readings(van: string, from: number, to: number): Promise<Reading[]> {
    const series = await this.query(`SELECT * FROM ${ALL} WHERE "van" = $van AND ${timeRange(from, to)}`, {
      van,
    });
    const out: Reading[] = [];
    for (const s of series) {
      for (const row of s.values) out.push(toReading(s.name, rowObject(s.columns, row)));
    }
    return out.sort((a, b) => a.ts - b.ts || a.seq - b.seq);
  }

  async history(query: HistoryQuery): Promise<History> {
    checkHistoryQuery(query);
    const params: Record<string, string> = { van: query.van };
    let where = `"van" = $van`;
    if (query.compartment !== undefined) {
      where += ' AND "compartment" = $compartment';
      params.compartment = query.compartment;
    }
    const doorWhere = where; // doors: every door of the compartment, whatever the sensor
    const doorsFrom = (from: number) => `${doorWhere} AND ${timeRange(from, query.to)}`;
    where += ` AND ${timeRange(query.from, query.to)}`;
    if (query.sensor !== undefined) {
      where += ' AND "sensor" = $sensor';
      params.sensor = query.sensor;
    }
    const select = `SELECT MIN("celsius"), MEAN("celsius"), MAX("celsius"), COUNT("celsius") FROM "temperature" WHERE ${where} GROUP BY time(${query.bucketMs}ms)`;
    const [bucketSeries, sensorSeries] = await Promise.all([
      this.query(`${select} fill(none)`, params),
      query.bySensor ? this.query(`${select}, "sensor" fill(none)`, params) : Promise.resolve(undefined),
    ]);
    const buckets = bucketsOf(bucketSeries[0]);
    const sensors = sensorSeries
      ?.map((s) => ({ sensor: String(s.tags?.sensor ?? ''), buckets: bucketsOf(s) }))
      .sort((a, b) => (a.sensor < b.sensor ? -1 : a.sensor > b.sensor ? 1 : 0));
    // Doors page by page (issue 11, 7): from the last time read, inclusive, because two
    // compartments may share a ms; the rows of that ms already read are skipped.
    const { doors, truncated } = await doorTransitions(async (after) => {
      const from = after?.ts ?? query.from;
      const rows =
        (
          await this.query(
            `SELECT "open", "compartment", "seq" FROM "door" WHERE ${doorsFrom(from)} ` +
              `ORDER BY time LIMIT ${DOOR_PAGE_SIZE + PAGE_OVERLAP}`,
            params,
          )
        )[0]?.values ?? [];
      const page = rows
        .map((row) => row as [number, boolean, string, number])
        .map(([ts, open, compartment, seq]): DoorRow => ({ ts, open, compartment, seq }))
        .sort((a, b) => a.ts - b.ts || a.seq - b.seq)
        .filter((r) => !after || r.ts > after.ts || r.seq > after.seq);
      return page.slice(0, rows.length < DOOR_PAGE_SIZE + PAGE_OVERLAP ? page.length : DOOR_PAGE_SIZE);
    });
    return { buckets, ...(sensors ? { sensors } : {}), doors, truncated };
  }

  private async query(q: string, placeholders: Record<string, string>): Promise<Series[]> {
    const raw = (await this.client.queryRaw(q, { precision: 'ms', placeholders })) as RawResponse;
    const result = raw.results?.[0];
    if (result?.error) throw new Error(`InfluxDB: ${result.error}`);
    return result?.series ?? [];
  }
}

function bucketsOf(series: Series | undefined): HistoryBucket[] {
  return (series?.values ?? []).map((row) => {
    const [start, min, mean, max, count] = row as [number, number, number, number, number];
    return { start, min, mean, max, count };
  });
}

/** `from` inclusive, `to` exclusive, in ms: InfluxQL takes an epoch with a unit suffix. */
function timeRange(from: number, to: number): string {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to))
    throw new Error('time range must be whole ms');
  return `time >= ${from}ms AND time < ${to}ms`;
}

function rowObject(columns: string[], row: unknown[]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  columns.forEach((c, i) => {
    if (row[i] !== null) o[c] = row[i];
  });
  return o;
}

/** Rebuilds the reading a van sent from its point; `Reading.parse` keeps the store honest. */
function toReading(measurement: string, p: Record<string, unknown>): Reading {
  const base = { seq: p.seq, ts: p.time };
  switch (measurement) {
    case 'temperature':
      return Reading.parse({
        ...base,
        kind: 'temperature',
        compartment: p.compartment,
        sensor: p.sensor,
        celsius: p.celsius,
      });
    case 'door':
      return Reading.parse({ ...base, kind: 'door', compartment: p.compartment, open: p.open });
    case 'battery':
      return Reading.parse({ ...base, kind: 'battery', percent: p.percent });
    case 'position':
      return Reading.parse({ ...base, kind: 'position', lat: p.lat, lon: p.lon });
    default:
      return Reading.parse({
        ...base,
        kind: 'reefer',
        compartment: p.compartment,
        state: p.state,
        setpoint: p.setpoint,
      });
  }
}
