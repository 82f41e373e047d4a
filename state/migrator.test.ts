import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GivreError } from '../platform/errors.ts';
import { migrate, type Migration } from './migrator.ts';
import { openStateDb } from './state-db.ts';
import { STATE_MIGRATIONS } from './state-migrations.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const freshFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'givre-migrate-'));
  dirs.push(dir);
  return join(dir, 'state.db');
};

const version = (db: Database.Database) => db.pragma('user_version', { simple: true }) as number;
const tables = (db: Database.Database) =>
  db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_schema WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all()
    .map((r) => r.name);
const columns = (db: Database.Database, table: string) =>
  db
    .prepare<[], { name: string }>(`PRAGMA table_info(${table})`)
    .all()
    .map((c) => c.name);

/** Three steps that record that they ran; the third fails when `failThird` is set. */
function steps(ran: number[], failThird = false): Migration[] {
  const step = (version: number): Migration => ({
    version,
    name: `step ${version}`,
    up(db) {
      ran.push(version);
      db.exec(`CREATE TABLE t${version} (x INTEGER)`);
      if (version === 3 && failThird) throw new Error('step 3 failed');
    },
  });
  return [step(1), step(2), step(3)];
}

describe('state store migrations', () => {
  it('builds every table of a new file and records its version', () => {
    const db = openStateDb(freshFile());
    expect(version(db)).toBe(STATE_MIGRATIONS.length);
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'alerts',
        'alert_transitions',
        'loads',
        'load_events',
        'certificates',
        'certificates_token',
        'commands',
        'van_states',
        'users',
        'sessions',
        'login_attempts',
        'audit_log',
        'devices',
        'associations',
      ]),
    );
    expect(columns(db, 'sessions')).toContain('password_stamp');
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('runs nothing again on a file already migrated, and keeps its rows', () => {
    const file = freshFile();
    const ran: number[] = [];
    const first = openStateDb(file, steps(ran));
    first.exec('INSERT INTO t2 (x) VALUES (42)');
    first.close();
    const again = openStateDb(file, steps(ran));
    expect(ran).toEqual([1, 2, 3]);
    expect(again.prepare('SELECT x FROM t2').pluck().get()).toBe(42);
    expect(version(again)).toBe(3);
    again.close();
  });

  it('runs only the steps a partly migrated file lacks, in order', () => {
    const db = new Database(freshFile());
    const ran: number[] = [];
    expect(migrate(db, steps(ran).slice(0, 1), 'state.db')).toEqual({ from: 0, to: 1 });
    expect(migrate(db, steps(ran), 'state.db')).toEqual({ from: 1, to: 3 });
    expect(ran).toEqual([1, 2, 3]);
    expect(version(db)).toBe(3);
    db.close();
  });

  it('leaves the file as it was when a step fails', () => {
    const db = new Database(freshFile());
    migrate(db, steps([]).slice(0, 1), 'state.db');
    expect(() => migrate(db, steps([], true), 'state.db')).toThrow('step 3 failed');
    expect(version(db)).toBe(1);
    expect(tables(db)).toEqual(['t1']);
    db.close();
  });

  it('refuses a file written by a newer Givre, in one line, and changes nothing', () => {
    const file = freshFile();
    const newer = new Database(file);
    newer.pragma('user_version = 99');
    newer.close();
    let error: unknown;
    try {
      openStateDb(file);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(GivreError);
    expect((error as GivreError).code).toBe('GIVRE_ERR_SCHEMA_NEWER');
    const message = (error as GivreError).message;
    expect(message).not.toContain('\n');
    expect(message).toContain(
      `schéma version 99, plus récent que cette version de Givre (qui connaît jusqu’à ${STATE_MIGRATIONS.length})`,
    );
    expect(message).toContain('schema version 99 is newer than this Givre knows');
    const after = new Database(file, { readonly: true });
    expect(version(after)).toBe(99);
    expect(tables(after)).toEqual([]);
    after.close();
  });

  it('adopts a state.db written before versioning, adding the columns it lacks', () => {
    const file = freshFile();
    // As issue 9 left it: certificates without QR tokens, sessions without password stamps.
    const old = new Database(file);
    old.exec(`
      CREATE TABLE certificates (id TEXT PRIMARY KEY, load_id TEXT NOT NULL, version INTEGER NOT NULL,
        issued_at INTEGER NOT NULL, provisional INTEGER NOT NULL, verdict TEXT NOT NULL,
        superseded_by TEXT, signed TEXT NOT NULL, UNIQUE (load_id, version));
      CREATE TABLE sessions (id_hash TEXT PRIMARY KEY, username TEXT NOT NULL, csrf_token TEXT NOT NULL,
        created_at INTEGER NOT NULL, last_seen_at INTEGER NOT NULL);
      INSERT INTO certificates VALUES ('CERT-1', 'LD-1', 1, 0, 0, 'compliant', NULL, '{}');
      INSERT INTO certificates VALUES ('CERT-2', 'LD-2', 1, 0, 0, 'compliant', NULL, '{}');
    `);
    old.close();
    const db = openStateDb(file);
    expect(version(db)).toBe(STATE_MIGRATIONS.length);
    expect(columns(db, 'sessions')).toContain('password_stamp');
    const tokens = db.prepare('SELECT token FROM certificates ORDER BY id').pluck().all() as string[];
    expect(tokens).toHaveLength(2);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(tokens[0]).not.toBe(tokens[1]);
    expect(tables(db)).toContain('audit_log');
    db.close();
  });

  it('migrates once when several processes open a new file at the same moment', async () => {
    const file = freshFile();
    const openers = Array.from({ length: 4 }, () =>
      spawn(
        process.execPath,
        [resolve('bin/run-ts.js'), 'state/migrations/concurrent-opener.fixture.ts', file],
        {
          stdio: ['pipe', 'pipe', 'pipe'],
        },
      ),
    );
    const stderr = openers.map(() => '');
    const exits = openers.map(
      (child, i) =>
        new Promise<number | null>((done) => {
          child.stderr.on('data', (d: Buffer) => (stderr[i] += d.toString()));
          child.on('exit', (code) => done(code));
        }),
    );
    await Promise.all(
      openers.map((child) => new Promise<void>((ready) => child.stdout.once('data', () => ready()))),
    );
    for (const child of openers) child.stdin.write('go\n');
    expect({ codes: await Promise.all(exits), stderr }).toEqual({
      codes: [0, 0, 0, 0],
      stderr: ['', '', '', ''],
    });
    const db = new Database(file, { readonly: true });
    expect(version(db)).toBe(1);
    expect(db.prepare('SELECT COUNT(*) FROM runs').pluck().get()).toBe(1);
    db.close();
  }, 30_000);
});
