import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Reading } from '../core/readings.ts';
import { useWal } from '../platform/sqlite-wal.ts';
import { BUSY_TIMEOUT_MS } from '../state/state-db.ts';
import type { VanReadings } from './reading-store.ts';

/**
 * Opens the embedded store's file (better-sqlite3 12, WAL) and makes its table. One row per
 * reading; the primary key `(van, seq)` is the reading's identity, so replays are ignored by
 * the database itself. Common columns are typed for queries; the rest of the reading is kept as
 * JSON so that nothing the van said is lost. Both connections of ingest open it this way: the
 * readers' on the main thread and the writer's (sqlite-writer.ts).
 */
export function openReadingsDb(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // The dashboard reads it while ingest writes (split deployment): both may open it at once.
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  useWal(db, BUSY_TIMEOUT_MS);
  // NORMAL in WAL mode survives a process crash (the broker redelivers what was not
  // acknowledged); only a power loss may drop the last transactions.
  db.pragma('synchronous = NORMAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS readings (
      van TEXT NOT NULL,
      seq INTEGER NOT NULL,
      ts INTEGER NOT NULL,
      kind TEXT NOT NULL,
      compartment TEXT,
      sensor TEXT,
      value REAL,
      body TEXT NOT NULL,
      PRIMARY KEY (van, seq)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS readings_by_time ON readings (van, ts);
  `);
  return db;
}

/**
 * A group of messages' readings as the rows they become, flat: `ROW_COLUMNS` values per
 * reading in the INSERT's column order, and how many readings each message has. Flat primitives
 * cross to the writer's thread at about 0.4 µs a reading (both threads), against 1.0–1.1 µs for
 * the readings as objects (measured, issue 14).
 */
export interface ReadingRows {
  readonly values: unknown[];
  readonly counts: number[];
}

/** Columns of a row, in the INSERT's order. */
export const ROW_COLUMNS = 8;

/** The rows of a group of messages (`pushRow` per reading). */
export function rowsOf(batches: readonly VanReadings[]): ReadingRows {
  const values: unknown[] = [];
  const counts: number[] = [];
  for (const { van, readings } of batches) {
    counts.push(readings.length);
    for (const r of readings) pushRow(values, van, r);
  }
  return { values, counts };
}

/**
 * The writer of a connection: inserts a group's rows in one transaction (issue 14: one commit,
 * about 50 µs whatever its size, for a whole group of messages) and returns how many of each
 * message's readings were new. Up to INSERT_ROWS readings per statement: one `run` per reading
 * cost about 1 µs of binding and stepping more than one per 50 (measured: 5.6 against 4.6 µs a
 * row).
 */
export function rowInserter(db: Database.Database): (rows: ReadingRows) => number[] {
  const inserts = new Map<number, Database.Statement>();
  const insertOf = (rows: number) => {
    let statement = inserts.get(rows);
    if (!statement) {
      statement = db.prepare(
        `INSERT OR IGNORE INTO readings (van, seq, ts, kind, compartment, sensor, value, body)
         VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      );
      inserts.set(rows, statement);
    }
    return statement;
  };
  return db.transaction(({ values, counts }: ReadingRows): number[] => {
    const inserted: number[] = [];
    let at = 0; // the first reading of the message, in rows
    for (const count of counts) {
      let n = 0;
      for (let from = 0; from < count; from += INSERT_ROWS) {
        const rows = Math.min(count - from, INSERT_ROWS);
        const start = (at + from) * ROW_COLUMNS;
        n += insertOf(rows).run(values.slice(start, start + rows * ROW_COLUMNS)).changes;
      }
      inserted.push(n);
      at += count;
    }
    return inserted;
  });
}

/** Readings per INSERT statement at most: 8 parameters each, far below SQLite's limit. */
const INSERT_ROWS = 50;

/**
 * Appends a reading's row, in the INSERT's column order, to `values`. A temperature, door or
 * battery reading is all in its columns (core/readings.ts: strict objects), so its body is
 * empty: JSON of each row cost about 2.7 µs of ingest's 6.5 µs per reading (issue 14). Rows
 * written before keep their full body, and are read as they are.
 */
function pushRow(values: unknown[], van: string, r: Reading): void {
  values.push(van, r.seq, r.ts, r.kind);
  switch (r.kind) {
    case 'temperature':
      values.push(r.compartment, r.sensor, r.celsius, '');
      return;
    case 'door':
      values.push(r.compartment, null, r.open ? 1 : 0, '');
      return;
    case 'battery':
      values.push(null, null, r.percent, '');
      return;
    case 'reefer':
      values.push(r.compartment, null, r.setpoint, JSON.stringify(r));
      return;
    case 'position':
      values.push(null, null, null, JSON.stringify(r));
  }
}
