import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { GivreError } from '../platform/errors.ts';
import { SeenSeqs } from './influx-seen-seqs.ts';
import { LINE_COLUMNS, lineAt, seriesKeyAt, type ReadingColumns } from './influx-line-protocol.ts';
import { spoolRowsOf, type SpoolRows } from './influx-spool-rows.ts';
import type { VanReadings } from './reading-store.ts';

/** Spool file size above which an emptied spool is compacted, bytes. */
const VACUUM_ABOVE_BYTES = 64 * 1024 * 1024;

/** A run of spooled rows, oldest first, ready to be written as one batch. */
export interface SpoolBatch {
  /** Line protocol, one reading per line. */
  lines: string[];
  /** Id of the last row in the batch: `commit(lastId)` removes the batch. */
  lastId: number;
  /** When the oldest row was accepted, ms (wall clock): the 1 s flush deadline counts from it. */
  firstAt: number;
}

export interface SpoolAppendResult {
  inserted: number;
  duplicates: number;
  /** Readings of this message that share series and millisecond with an earlier reading of another seq. */
  collisions: number;
}

interface AppendTxResult {
  result: SpoolAppendResult;
  /** The row written, counted only once the transaction has committed. */
  row: { id: number; bytes: number } | null;
}

export interface SpoolOptions {
  path: string;
  /** Largest spool, bytes of line protocol; beyond it `append` refuses (the broker keeps the messages). */
  maxBytes: number;
  now?: () => number;
}

/**
 * The write-ahead spool of the InfluxDB store: every accepted reading is first a line in this
 * SQLite file under GIVRE_DATA_DIR, committed before `append` resolves, so an acknowledged
 * MQTT message survives a crash of ingest and an outage of InfluxDB alike. The writer reads
 * it from the head in batches and removes what InfluxDB has taken; memory holds one batch,
 * never the backlog.
 *
 * Why SQLite and not a flat file: one transaction covers the lines and the seen-seq rows
 * (so replays are recognised exactly, also after a crash), removal of a written batch is a
 * `DELETE`, and a torn write is impossible. WAL with `synchronous = NORMAL` survives a process
 * crash (SIGKILL); only a power loss may drop the last transactions (as the embedded store).
 * The exclusive lock makes a second process on the same spool fail at once instead of
 * replaying the same lines twice.
 */
export class InfluxSpool {
  private readonly db: Database.Database;
  private readonly seen = new Map<string, SeenSeqs>();
  /** Last series timestamp and seq, to notice two readings that would be one point. */
  private readonly lastPoint = new Map<string, { ts: number; seq: number }>();
  private readonly insertRow: Database.Statement;
  private readonly upsertSeen: Database.Statement;
  private readonly deleteSeen: Database.Statement;
  private readonly selectAfter: Database.Statement;
  private readonly deleteUpTo: Database.Statement;
  private readonly appendTx: (rows: SpoolRows) => AppendTxResult[];
  private readonly now: () => number;
  private bytes = 0;
  private lines = 0;
  private lastId = 0;

  constructor(private readonly options: SpoolOptions) {
    this.now = options.now ?? Date.now;
    mkdirSync(dirname(options.path), { recursive: true });
    this.db = new Database(options.path, { timeout: 0 });
    try {
      this.db.pragma('locking_mode = EXCLUSIVE');
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.exec(`
        CREATE TABLE IF NOT EXISTS spool (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          at INTEGER NOT NULL,
          lines INTEGER NOT NULL,
          body TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS seen (
          van TEXT NOT NULL, lo INTEGER NOT NULL, hi INTEGER NOT NULL, PRIMARY KEY (van, lo)
        ) WITHOUT ROWID;
      `);
    } catch (err) {
      this.db.close();
      if ((err as { code?: string }).code === 'SQLITE_BUSY') {
        throw new GivreError('GIVRE_ERR_CONFIG', `spool ${options.path} is in use by another Givre process`);
      }
      throw err;
    }
    const totals = this.db
      .prepare(
        'SELECT COALESCE(SUM(length(body)), 0) AS bytes, COALESCE(SUM(lines), 0) AS lines, COALESCE(MAX(id), 0) AS id FROM spool',
      )
      .get() as { bytes: number; lines: number; id: number };
    this.bytes = totals.bytes;
    this.lines = totals.lines;
    this.lastId = totals.id;
    const byVan = new Map<string, Array<[number, number]>>();
    for (const row of this.db.prepare('SELECT van, lo, hi FROM seen').iterate() as Iterable<{
      van: string;
      lo: number;
      hi: number;
    }>) {
      const list = byVan.get(row.van) ?? [];
      list.push([row.lo, row.hi]);
      byVan.set(row.van, list);
    }
    for (const [van, list] of byVan) this.seen.set(van, SeenSeqs.from(list));

    this.insertRow = this.db.prepare('INSERT INTO spool (at, lines, body) VALUES (?, ?, ?)');
    this.upsertSeen = this.db.prepare('INSERT OR REPLACE INTO seen (van, lo, hi) VALUES (?, ?, ?)');
    this.deleteSeen = this.db.prepare('DELETE FROM seen WHERE van = ? AND lo = ?');
    this.selectAfter = this.db.prepare('SELECT id, at, lines, body FROM spool WHERE id > ? ORDER BY id');
    this.deleteUpTo = this.db.prepare('DELETE FROM spool WHERE id <= ?');
    this.appendTx = this.db.transaction(({ vans, counts, columns }: SpoolRows) => {
      let at = 0;
      return vans.map((van, m) => {
        const count = counts[m] as number;
        const result = this.appendInTx(van, columns, at, count);
        at += count * LINE_COLUMNS;
        return result;
      });
    });
  }

  /** Readings waiting for InfluxDB. */
  get pendingLines(): number {
    return this.lines;
  }

  /** Bytes of line protocol waiting for InfluxDB (characters: the lines are ASCII but for ids). */
  get pendingBytes(): number {
    return this.bytes;
  }

  /** Id of the newest row; `flush()` waits until the writer has committed it. */
  get headId(): number {
    return this.lastId;
  }

  get path(): string {
    return this.options.path;
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  /** Stores a message's new readings durably; replays are counted, not stored again. */
  append(van: string, readings: VanReadings['readings']): SpoolAppendResult {
    return this.appendMany([{ van, readings }])[0]!;
  }

  /**
   * Stores a group of messages' new readings in one transaction (issue 14: group commit), one
   * row per message as `append` would, so `head` still never splits one.
   */
  appendMany(batches: readonly VanReadings[]): SpoolAppendResult[] {
    return this.appendRows(spoolRowsOf(batches));
  }

  /** `appendMany` of the readings as the spool's thread receives them (influx-spool-rows.ts). */
  appendRows(rows: SpoolRows): SpoolAppendResult[] {
    if (this.bytes >= this.options.maxBytes) {
      throw new GivreError(
        'GIVRE_ERR_UNAVAILABLE',
        `InfluxDB spool full (${this.bytes} bytes ≥ ${this.options.maxBytes}): readings not accepted`,
      );
    }
    try {
      return this.appendTx(rows).map(({ result, row }) => {
        if (row) {
          this.lastId = row.id;
          this.bytes += row.bytes;
          this.lines += result.inserted;
        }
        return result;
      });
    } catch (err) {
      // The transaction rolled back, but `SeenSeqs` already took the seqs: reload the vans'
      // sets from disk, or the broker's redelivery would be mistaken for a replay and dropped.
      for (const van of rows.vans) this.seen.set(van, this.loadSeen(van));
      throw err;
    }
  }

  /**
   * The oldest rows after row `afterId` (0: from the head), up to `maxLines` lines (at least one
   * row, which holds at most one message: 5 000 readings), or `null` when there are none. The
   * writer reads past the batches it has in flight this way.
   */
  head(maxLines: number, afterId = 0): SpoolBatch | null {
    const lines: string[] = [];
    let lastId = 0;
    let firstAt = 0;
    // Iterated, not `all()`: after a long outage the spool holds far more than one batch.
    for (const row of this.selectAfter.iterate(afterId) as Iterable<{
      id: number;
      at: number;
      lines: number;
      body: string;
    }>) {
      if (lines.length > 0 && lines.length + row.lines > maxLines) break;
      if (lines.length === 0) firstAt = row.at;
      for (const line of row.body.split('\n')) lines.push(line);
      lastId = row.id;
    }
    return lines.length === 0 ? null : { lines, lastId, firstAt };
  }

  /** Removes every row up to `lastId`: InfluxDB has them, or the dead-letter file does. */
  commit(lastId: number): void {
    const gone = this.db
      .prepare(
        'SELECT COALESCE(SUM(length(body)), 0) AS bytes, COALESCE(SUM(lines), 0) AS lines FROM spool WHERE id <= ?',
      )
      .get(lastId) as { bytes: number; lines: number };
    this.deleteUpTo.run(lastId);
    this.bytes -= gone.bytes;
    this.lines -= gone.lines;
    // SQLite keeps freed pages: after a long outage, give the disk back once the spool is empty
    // (cheap then: only the small `seen` table is copied).
    if (this.lines === 0 && this.fileBytes() > VACUUM_ABOVE_BYTES) this.db.exec('VACUUM');
  }

  private fileBytes(): number {
    return (
      (this.db.pragma('page_count', { simple: true }) as number) *
      (this.db.pragma('page_size', { simple: true }) as number)
    );
  }

  /** Whether the van's record `seq` was accepted (spooled now, or sent before). */
  hasSeq(van: string, seq: number): boolean {
    return this.seen.get(van)?.has(seq) ?? false;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private loadSeen(van: string): SeenSeqs {
    const rows = this.db.prepare('SELECT lo, hi FROM seen WHERE van = ?').all(van) as Array<{
      lo: number;
      hi: number;
    }>;
    return SeenSeqs.from(rows.map((r) => [r.lo, r.hi] as const));
  }

  /** The `count` readings of one message, from `columns.values[from]` on. */
  private appendInTx(van: string, columns: ReadingColumns, from: number, count: number): AppendTxResult {
    const { values } = columns;
    let seen = this.seen.get(van);
    if (!seen) {
      seen = new SeenSeqs();
      this.seen.set(van, seen);
    }
    const changes = new Map<number, number | null>();
    const fresh: string[] = [];
    let collisions = 0;
    for (let at = from, end = from + count * LINE_COLUMNS; at < end; at += LINE_COLUMNS) {
      const seq = values[at + 1] as number;
      if (!seen.add(seq, changes)) continue;
      const ts = values[at + 2] as number;
      const key = seriesKeyAt(van, columns, at);
      const last = this.lastPoint.get(key);
      if (last && last.ts === ts && last.seq !== seq) collisions++;
      this.lastPoint.set(key, { ts, seq });
      fresh.push(lineAt(key, columns, at));
    }
    for (const [lo, hi] of changes) {
      if (hi === null) this.deleteSeen.run(van, lo);
      else this.upsertSeen.run(van, lo, hi);
    }
    let row: AppendTxResult['row'] = null;
    if (fresh.length > 0) {
      const body = fresh.join('\n');
      row = {
        id: Number(this.insertRow.run(this.now(), fresh.length, body).lastInsertRowid),
        bytes: body.length,
      };
    }
    return {
      result: { inserted: fresh.length, duplicates: count - fresh.length, collisions },
      row,
    };
  }
}
