import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Reading } from '../core/readings.ts';
import { openSqliteReadingStore } from './sqlite-reading-store.ts';

const t0 = Date.UTC(2026, 10, 26, 20, 0, 0);
const batch: Reading[] = [
  { seq: 1, ts: t0, kind: 'temperature', compartment: 'chilled', sensor: 'T1', celsius: 3.4 },
  { seq: 2, ts: t0, kind: 'door', compartment: 'chilled', open: true },
  { seq: 3, ts: t0 + 30_000, kind: 'temperature', compartment: 'chilled', sensor: 'T1', celsius: 3.6 },
];

describe('SQLite reading store', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('stores a replayed batch once and keeps device timestamps across a reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'givre-sqlite-'));
    dirs.push(dir);
    const path = join(dir, 'givre.db');
    const store = openSqliteReadingStore(path);
    expect(await store.append('VAN-01', batch)).toEqual({ inserted: 3, duplicates: 0 });
    expect(await store.append('VAN-01', batch)).toEqual({ inserted: 0, duplicates: 3 });
    await store.close();

    const reopened = openSqliteReadingStore(path);
    expect(await reopened.count({ van: 'VAN-01' })).toBe(3);
    expect(await reopened.count({ kind: 'door' })).toBe(1);
    expect(await reopened.readings('VAN-01', t0, t0 + 60_000)).toEqual(batch);
    expect((await reopened.readings('VAN-01', t0 + 1, t0 + 60_000)).map((r) => r.seq)).toEqual([3]);
    await reopened.close();
  });

  it('keeps the same seq of two vans apart', async () => {
    const store = openSqliteReadingStore(':memory:');
    await store.append('VAN-01', batch);
    expect((await store.append('VAN-02', batch)).inserted).toBe(3);
    expect(await store.count()).toBe(6);
    await store.close();
  });

  it('reads rows written before bodies were left out, as they were (issue 14)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'givre-sqlite-'));
    dirs.push(dir);
    const path = join(dir, 'givre.db');
    await openSqliteReadingStore(path).close();
    // A row as the store wrote every reading before: its whole JSON in `body`.
    const old = new Database(path);
    const reading = batch[0]!;
    old
      .prepare(
        'INSERT INTO readings (van, seq, ts, kind, compartment, sensor, value, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run('VAN-01', reading.seq, reading.ts, reading.kind, 'chilled', 'T1', 3.4, JSON.stringify(reading));
    old.close();
    const store = openSqliteReadingStore(path);
    await store.append('VAN-01', batch.slice(1));
    expect(await store.readings('VAN-01', t0, t0 + 60_000)).toEqual(batch);
    await store.close();
  });
});
