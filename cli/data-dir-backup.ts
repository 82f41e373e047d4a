import Database from 'better-sqlite3';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { BROKER_DB_FILE } from '../broker/broker-db.ts';
import { SPOOL_FILE } from '../store/influx-reading-store.ts';
import { BUSY_TIMEOUT_MS } from '../state/state-db.ts';
import { UsageError } from '../platform/usage-error.ts';

/**
 * The SQLite files of a data directory, in the order they are copied: the state store first,
 * then the readings, so that every alert and certificate in a backup has its readings in it
 * too (readings stored between the two copies are in the backup, without their alerts). The
 * embedded broker's sessions and queues come between: a message it had acknowledged to a van
 * when its copy was taken is either still queued in it or, ingest having stored it, in the
 * readings copied after (in both at worst, and ingest stores it once).
 */
const DATABASES = ['state.db', BROKER_DB_FILE, 'givre.db', SPOOL_FILE] as const;
/** The certificate signing key pair (compliance/certificate-keys.ts): without it a restored installation could not sign, nor prove its old certificates genuine. */
const KEYS_DIR = 'keys';

export interface BackupFile {
  name: string;
  bytes: number;
}

export interface DataDirBackup {
  dir: string;
  databases: BackupFile[];
  /** Whether the certificate signing keys were copied (an installation that never signed has none). */
  keys: boolean;
  /** `PRAGMA user_version` of the copied state store. */
  stateSchema: number;
}

/**
 * Copies what a running installation keeps under GIVRE_DATA_DIR into a new directory that can
 * itself be used as GIVRE_DATA_DIR (issue 13): restoring is copying it back.
 *
 * Each database is copied by `VACUUM INTO` rather than better-sqlite3's `.backup()`: it reads
 * the whole file inside one read transaction, so the copy is the database as of one instant
 * while ingest and the dashboard keep writing (WAL: they never wait for it), and it cannot be
 * starved — the online backup API starts again whenever another process writes between its
 * steps, which, with readings arriving every second, may be always. The copy is compacted, and
 * keeps the schema version. The directory is filled under a temporary name and renamed when
 * complete, so a directory of the target's name is never half a backup.
 */
export function backupDataDir(dataDir: string, target: string): DataDirBackup {
  const dir = resolve(target);
  if (existsSync(dir))
    throw new UsageError(
      `${target} existe déjà : nommez un nouveau dossier / ${target} already exists: name a new directory`,
    );
  if (!existsSync(join(dataDir, 'state.db')))
    throw new UsageError(
      `pas de state.db dans ${dataDir} : GIVRE_DATA_DIR est-il le dossier de l’installation ? / no state.db in ${dataDir}: is GIVRE_DATA_DIR the installation's data directory?`,
    );
  const partial = join(dirname(dir), `.${basename(dir)}.partial-${process.pid}`);
  // 0700: the backup holds the certificate signing key and the password hashes.
  mkdirSync(partial, { recursive: true, mode: 0o700 });
  try {
    const databases: BackupFile[] = [];
    let stateSchema = 0;
    for (const name of DATABASES) {
      const source = join(dataDir, name);
      if (!existsSync(source)) continue;
      const schema = vacuumInto(source, join(partial, name));
      if (name === 'state.db') stateSchema = schema;
      databases.push({ name, bytes: statSync(join(partial, name)).size });
    }
    const keys = join(dataDir, KEYS_DIR);
    const hasKeys = existsSync(keys);
    if (hasKeys) cpSync(keys, join(partial, KEYS_DIR), { recursive: true });
    renameSync(partial, dir);
    return { dir, databases, keys: hasKeys, stateSchema };
  } catch (err) {
    rmSync(partial, { recursive: true, force: true });
    throw err;
  }
}

/** One consistent copy of a live SQLite file; returns the copy's schema version. */
function vacuumInto(source: string, copy: string): number {
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.prepare('VACUUM INTO ?').run(copy);
  } finally {
    db.close();
  }
  const copied = new Database(copy, { readonly: true, fileMustExist: true });
  try {
    return copied.pragma('user_version', { simple: true }) as number;
  } finally {
    copied.close();
  }
}
