import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The readings `givre ingest` keeps in the embedded store (`givre.db` under GIVRE_DATA_DIR),
 * read from the test's process as an auditor would: read-only, while ingest writes (WAL).
 * The file is opened on first use, once ingest has created it.
 */
export interface StoredReadings {
  /** Readings stored, every van. */
  count(): number;
  /** A van's stored seqs, in order; only one sensor's with `sensor`. */
  seqs(van: string, sensor?: string): number[];
  close(): void;
}

export function storedReadings(dataDir: string): StoredReadings {
  const path = join(dataDir, 'givre.db');
  let db: Database.Database | undefined;
  const open = () => {
    if (!db && !existsSync(path)) throw new Error(`${path} does not exist yet`);
    db ??= new Database(path, { readonly: true, fileMustExist: true });
    return db;
  };
  return {
    count: () => open().prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM readings').get()!.n,
    seqs: (van, sensor) =>
      (sensor === undefined
        ? open()
            .prepare<[string], { seq: number }>('SELECT seq FROM readings WHERE van = ? ORDER BY seq')
            .all(van)
        : open()
            .prepare<[string, string], { seq: number }>(
              'SELECT seq FROM readings WHERE van = ? AND sensor = ? ORDER BY seq',
            )
            .all(van, sensor)
      ).map((r) => r.seq),
    close: () => db?.close(),
  };
}
