import { Reading } from '../core/readings.ts';
import type {
  AppendResult,
  ReadingFilter,
  ReadingStore,
  StoreReadiness,
  VanReadings,
} from './reading-store.ts';
import { sqliteHistory } from './sqlite-history.ts';
import { openReadingsDb, rowInserter, rowsOf } from './sqlite-readings-db.ts';
import { createSqliteWriter } from './sqlite-writer.ts';

export interface SqliteStoreOptions {
  /**
   * Commit the writes on a thread of their own (sqlite-writer.ts), ingest's: its thread judges a
   * group while the next one is written (issue 14). Otherwise (`:memory:`, which one connection
   * only can see, and the tools) they are committed on the caller's thread.
   */
  writeInWorker?: boolean;
}

/**
 * The embedded store: one SQLite file (sqlite-readings-db.ts). Queries run on this connection;
 * writes on this one too, or on the writer thread's (`writeInWorker`), and resolve once
 * committed in either case.
 */
export function openSqliteReadingStore(path: string, options: SqliteStoreOptions = {}): ReadingStore {
  const db = openReadingsDb(path);
  const inWorker = options.writeInWorker === true && path !== ':memory:';
  const writer = inWorker ? createSqliteWriter(path) : undefined;
  const insertHere = inWorker ? undefined : rowInserter(db);
  const resultsOf = (batches: readonly VanReadings[], inserted: number[]): AppendResult[] =>
    batches.map((b, i) => ({ inserted: inserted[i]!, duplicates: b.readings.length - inserted[i]! }));
  const appendMany = async (batches: readonly VanReadings[]): Promise<AppendResult[]> => {
    const rows = rowsOf(batches);
    return resultsOf(batches, writer ? await writer.insert(rows) : insertHere!(rows));
  };
  const selectSeq = db.prepare('SELECT 1 FROM readings WHERE van = ? AND seq = ?');
  const selectRange = db.prepare(
    `SELECT seq, ts, kind, compartment, sensor, value, body FROM readings
     WHERE van = ? AND ts >= ? AND ts < ? ORDER BY ts, seq`,
  );
  const history = sqliteHistory(db);
  let closed = false;

  return {
    async append(van, readings) {
      return (await appendMany([{ van, readings }]))[0]!;
    },
    appendMany,
    async count(filter: ReadingFilter = {}) {
      const where: string[] = [];
      const args: string[] = [];
      if (filter.van !== undefined) {
        where.push('van = ?');
        args.push(filter.van);
      }
      if (filter.kind !== undefined) {
        where.push('kind = ?');
        args.push(filter.kind);
      }
      const sql = `SELECT COUNT(*) AS n FROM readings${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
      return (db.prepare(sql).get(...args) as { n: number }).n;
    },
    async readings(van, from, to) {
      return (selectRange.all(van, from, to) as Row[]).map((row) => Reading.parse(fromRow(row)));
    },
    async hasSeq(van, seq) {
      return selectSeq.get(van, seq) !== undefined;
    },
    async history(query) {
      return history(query);
    },
    async flush() {
      // An append resolves once committed: nothing is ever waiting to become visible.
    },
    readiness(): StoreReadiness {
      return closed ? { ready: false, detail: 'closed' } : { ready: true };
    },
    async close() {
      if (closed) return;
      closed = true;
      await writer?.close();
      db.close();
    },
  };
}

interface Row {
  seq: number;
  ts: number;
  kind: Reading['kind'];
  compartment: string | null;
  sensor: string | null;
  value: number | null;
  body: string;
}

/** The reading a row holds, whole (`pushRow` backwards). */
function fromRow(row: Row): unknown {
  if (row.body !== '') return JSON.parse(row.body);
  const { seq, ts, compartment, value } = row;
  switch (row.kind) {
    case 'temperature':
      return { seq, ts, kind: row.kind, compartment, sensor: row.sensor, celsius: value };
    case 'door':
      return { seq, ts, kind: row.kind, compartment, open: value === 1 };
    default: // battery: position and reefer readings always have a body
      return { seq, ts, kind: row.kind, percent: value };
  }
}
