import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useWal } from './sqlite-wal.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Another process holding the file's exclusive lock for `ms`, as a second opener would. */
async function lockedFor(ms: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'givre-wal-'));
  dirs.push(dir);
  const file = join(dir, 'x.db');
  const holder = spawn(
    process.execPath,
    [
      '-e',
      `const D = require('better-sqlite3'); const d = new D(${JSON.stringify(file)});
       d.exec('CREATE TABLE t (n INTEGER)'); d.exec('BEGIN EXCLUSIVE'); d.exec('INSERT INTO t VALUES (1)');
       console.log('locked'); setTimeout(() => { d.exec('COMMIT'); d.close(); }, ${ms});`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise((locked) => holder.stdout.once('data', locked));
  return file;
}

describe('switching a state file to WAL', () => {
  it('tries again while another opener holds the lock, where a single attempt fails at once', async () => {
    const file = await lockedFor(300);
    const db = new Database(file);
    // No busy handler: SQLite's answer when waiting could deadlock two openers.
    db.pragma('busy_timeout = 0');
    expect(() => db.pragma('journal_mode = WAL')).toThrow(/locked/);
    useWal(db, 5_000);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('gives up with SQLite’s error once its time is out', async () => {
    const file = await lockedFor(2_000);
    const db = new Database(file);
    db.pragma('busy_timeout = 0');
    expect(() => useWal(db, 100)).toThrow(/locked/);
    db.close();
  });
});
