import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Reading } from '../core/readings.ts';
import { openReadingsDb, rowsOf } from './sqlite-readings-db.ts';
import { createSqliteWriter } from './sqlite-writer.ts';

const t0 = Date.UTC(2026, 11, 3, 20, 0, 0);
const temp = (seq: number): Extract<Reading, { kind: 'temperature' }> => ({
  seq,
  ts: t0 + seq * 30_000,
  kind: 'temperature',
  compartment: 'chilled',
  sensor: 'T1',
  celsius: 3.5,
});

describe('the embedded store’s writer thread (issue 14)', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const fileDb = () => {
    const dir = mkdtempSync(join(tmpdir(), 'givre-writer-'));
    dirs.push(dir);
    const path = join(dir, 'givre.db');
    openReadingsDb(path).close();
    return path;
  };
  const count = (path: string) => {
    const db = new Database(path, { readonly: true });
    const n = (db.prepare('SELECT COUNT(*) AS n FROM readings').get() as { n: number }).n;
    db.close();
    return n;
  };

  it('answers each insert with each message’s new readings, once committed, replays included', async () => {
    const path = fileDb();
    const writer = createSqliteWriter(path);
    const first = rowsOf([
      { van: 'VAN-01', readings: [temp(1), temp(2)] },
      { van: 'VAN-02', readings: [temp(1)] },
    ]);
    expect(await writer.insert(first)).toEqual([2, 1]);
    // Visible to another connection as soon as the insert resolved.
    expect(count(path)).toBe(3);
    expect(await writer.insert(rowsOf([{ van: 'VAN-01', readings: [temp(2), temp(3)] }]))).toEqual([1]);
    await writer.close();
    expect(count(path)).toBe(4);
  });

  it('rejects a write that failed, none of its rows kept, and writes the next', async () => {
    const path = fileDb();
    const writer = createSqliteWriter(path);
    // A group whose second message SQLite cannot take (a value it cannot bind): the first
    // message's rows, in the same transaction, are not kept either.
    const bad = rowsOf([
      { van: 'VAN-01', readings: [temp(1)] },
      { van: 'VAN-02', readings: [{ ...temp(2), celsius: {} as unknown as number }] },
    ]);
    await expect(writer.insert(bad)).rejects.toThrow(/bind/);
    expect(count(path)).toBe(0);
    expect(await writer.insert(rowsOf([{ van: 'VAN-01', readings: [temp(1)] }]))).toEqual([1]);
    await writer.close();
  });

  it('commits every write asked before its close, and refuses one asked after', async () => {
    const path = fileDb();
    const writer = createSqliteWriter(path);
    const asked = Array.from({ length: 20 }, (_, i) =>
      writer.insert(rowsOf([{ van: 'VAN-01', readings: [temp(i + 1)] }])),
    );
    const closed = writer.close();
    await expect(writer.insert(rowsOf([{ van: 'VAN-01', readings: [temp(99)] }]))).rejects.toThrow(/closed/);
    expect(await Promise.all(asked)).toEqual(asked.map(() => [1]));
    await closed;
    expect(count(path)).toBe(20);
  });

  it('rejects what it was asked when its thread cannot open the file, and a later write starts a new one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'givre-writer-'));
    dirs.push(dir);
    // A directory where the file should be: the thread's open fails.
    const path = join(dir, 'givre.db');
    mkdirSync(path);
    const writer = createSqliteWriter(path);
    await expect(writer.insert(rowsOf([{ van: 'VAN-01', readings: [temp(1)] }]))).rejects.toThrow();
    rmSync(path, { recursive: true });
    openReadingsDb(path).close();
    expect(await writer.insert(rowsOf([{ van: 'VAN-01', readings: [temp(1)] }]))).toEqual([1]);
    await writer.close();
    expect(count(path)).toBe(1);
  });
});
