import { GivreError } from '../platform/errors.ts';
import type { StateDb } from './state-db.ts';

/** One forward step of the state store's schema. Never edited once released: add another. */
export interface Migration {
  /** 1, 2, 3 … in order, without holes: the schema version the file has once it ran. */
  version: number;
  /** What it does, for the log and for whoever reads the list. */
  name: string;
  up(db: StateDb): void;
}

export interface MigrationOutcome {
  /** The file's schema version before, 0 for a new or pre-versioning file. */
  from: number;
  to: number;
}

/**
 * Brings the file's schema to the last version of `migrations`, all pending steps in one
 * transaction: a crash, or a failing step, leaves the file exactly as it was.
 *
 * The version is SQLite's `PRAGMA user_version` rather than a table: it lives in the file's
 * header, is written by the same transaction as the steps, costs no query to bootstrap (a
 * version table would itself need creating before it could say whether it exists), and is kept
 * by `VACUUM INTO`, so a backup carries its version.
 *
 * `BEGIN IMMEDIATE` takes the write lock *before* the version is read: when ingest and a
 * dashboard open a new file at once, one migrates while the other waits (busy_timeout), then
 * reads the new version and has nothing left to do.
 *
 * A file newer than the code is refused before anything is written: an older Givre cannot
 * know what a newer one's tables mean (issue 13).
 */
export function migrate(db: StateDb, migrations: readonly Migration[], file: string): MigrationOutcome {
  checkOrder(migrations);
  const latest = migrations.length;
  return db
    .transaction((): MigrationOutcome => {
      const from = db.pragma('user_version', { simple: true }) as number;
      if (from > latest) throw schemaNewer(file, from, latest);
      for (const step of migrations.slice(from)) step.up(db);
      // A pragma takes no bound parameter; `latest` is a count, never input.
      if (from !== latest) db.pragma(`user_version = ${latest}`);
      return { from, to: latest };
    })
    .immediate();
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migration "${m.name}" is number ${m.version}, expected ${i + 1}`);
  });
}

function schemaNewer(file: string, found: number, known: number): GivreError {
  return new GivreError(
    'GIVRE_ERR_SCHEMA_NEWER',
    `${file} : schéma version ${found}, plus récent que cette version de Givre (qui connaît jusqu’à ${known}) — installez la version de Givre qui l’a écrit, ou restaurez une sauvegarde / ${file}: schema version ${found} is newer than this Givre knows (up to ${known}): run the Givre that wrote it, or restore a backup`,
  );
}
