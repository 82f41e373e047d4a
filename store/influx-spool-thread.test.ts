import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { Reading } from '../core/readings.ts';
import { toLine } from './influx-line-protocol.ts';
import { SpoolThread } from './influx-spool-thread.ts';

const t0 = Date.UTC(2026, 11, 3, 20, 0, 0);
const everyKind: Reading[] = [
  { seq: 1, ts: t0, kind: 'temperature', compartment: 'chilled', sensor: 'T1', celsius: 3.4 },
  { seq: 2, ts: t0 + 1, kind: 'door', compartment: 'chilled', open: true },
  { seq: 3, ts: t0 + 2, kind: 'door', compartment: 'frozen', open: false },
  { seq: 4, ts: t0 + 3, kind: 'battery', percent: 87.5 },
  { seq: 5, ts: t0 + 4, kind: 'position', lat: 50.4542, lon: 3.9567 },
  { seq: 6, ts: t0 + 5, kind: 'reefer', compartment: 'frozen', state: 'defrost', setpoint: -20 },
  { seq: 7, ts: t0 + 6, kind: 'temperature', compartment: 'frozen', sensor: 'F 1', celsius: -18 },
];
const temp = (seq: number): Reading => ({
  seq,
  ts: t0 + seq * 30_000,
  kind: 'temperature',
  compartment: 'chilled',
  sensor: 'T1',
  celsius: 3.5,
});

describe('the InfluxDB spool on its own thread (issue 14)', () => {
  const dirs: string[] = [];
  const open: SpoolThread[] = [];
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const spoolPath = () => {
    const dir = mkdtempSync(join(tmpdir(), 'givre-spool-thread-'));
    dirs.push(dir);
    return join(dir, 'influx-spool.db');
  };
  const start = async (path: string, maxBytes = 1e9) => {
    const spool = await SpoolThread.open({ path, maxBytes });
    open.push(spool);
    return spool;
  };

  it('spools a group as line protocol, tells its size after each answer, and removes what is committed', async () => {
    const spool = await start(spoolPath());
    expect([spool.pendingLines, spool.pendingBytes, spool.headId]).toEqual([0, 0, 0]);
    const results = await spool.appendMany([
      { van: 'VAN-01', readings: everyKind },
      { van: 'VAN-02', readings: [temp(1)] },
      { van: 'VAN-01', readings: everyKind.slice(0, 2) },
    ]);
    expect(results).toEqual([
      { inserted: 7, duplicates: 0, collisions: 0 },
      { inserted: 1, duplicates: 0, collisions: 0 },
      { inserted: 0, duplicates: 2, collisions: 0 },
    ]);
    expect(spool.pendingLines).toBe(8);
    expect(spool.headId).toBe(2);
    const lines = [...everyKind.map((r) => toLine('VAN-01', r)), toLine('VAN-02', temp(1))];
    expect(spool.pendingBytes).toBe(lines.join('\n').length - 1); // two rows: one newline fewer
    expect(await spool.hasSeq('VAN-01', 7)).toBe(true);
    expect(await spool.hasSeq('VAN-02', 2)).toBe(false);

    const batch = await spool.head(5_000, 0);
    expect(batch?.lines).toEqual(lines);
    expect(batch?.lastId).toBe(2);
    expect(await spool.head(5_000, 2)).toBeNull();
    await spool.commit(1);
    expect([spool.pendingLines, spool.headId]).toEqual([1, 2]);
    await spool.commit(2);
    expect(spool.pendingLines).toBe(0);
    expect(spool.pendingBytes).toBe(0);
    expect(await spool.head(5_000, 0)).toBeNull();
  });

  it('keeps a second Givre process out while it holds the file, and hands over what it kept once closed', async () => {
    const path = spoolPath();
    const first = await start(path);
    await first.appendMany([{ van: 'VAN-01', readings: [temp(1), temp(2)] }]);
    await expect(SpoolThread.open({ path, maxBytes: 1e9 })).rejects.toMatchObject({
      code: 'GIVRE_ERR_CONFIG',
      message: expect.stringContaining('in use by another Givre process'),
    });
    expect(await first.hasSeq('VAN-01', 2)).toBe(true); // the refused one changed nothing

    await first.close();
    const second = await start(path);
    expect([second.pendingLines, second.headId]).toEqual([2, 1]);
    expect(await second.appendMany([{ van: 'VAN-01', readings: [temp(2), temp(3)] }])).toEqual([
      { inserted: 1, duplicates: 1, collisions: 0 },
    ]);
    expect((await second.head(5_000, 0))?.lines).toHaveLength(3);
  });

  it('refuses readings once full, keeping what it holds, and takes them again once the writer has cut it', async () => {
    const spool = await start(spoolPath(), 100);
    await spool.appendMany([{ van: 'VAN-01', readings: [temp(1), temp(2)] }]);
    expect(spool.pendingBytes).toBeGreaterThanOrEqual(100);
    await expect(spool.appendMany([{ van: 'VAN-01', readings: [temp(3)] }])).rejects.toMatchObject({
      code: 'GIVRE_ERR_UNAVAILABLE',
      message: expect.stringContaining('spool full'),
    });
    expect(await spool.hasSeq('VAN-01', 3)).toBe(false); // so the broker's redelivery is taken
    await spool.commit(spool.headId);
    expect(await spool.appendMany([{ van: 'VAN-01', readings: [temp(3)] }])).toEqual([
      { inserted: 1, duplicates: 0, collisions: 0 },
    ]);
  });

  it('commits what was asked before a close, and refuses what comes after', async () => {
    const path = spoolPath();
    const spool = await SpoolThread.open({ path, maxBytes: 1e9 });
    const asked = spool.appendMany([{ van: 'VAN-01', readings: [temp(1)] }]);
    const closed = spool.close();
    await expect(asked).resolves.toEqual([{ inserted: 1, duplicates: 0, collisions: 0 }]);
    await closed;
    expect(spool.isOpen).toBe(false);
    await expect(spool.appendMany([{ van: 'VAN-01', readings: [temp(2)] }])).rejects.toThrow(/closed/);
    const again = await start(path);
    expect(again.pendingLines).toBe(1);
  });

  it('starts a new thread on the same file when its thread died, and loses nothing committed', async () => {
    const spool = await start(spoolPath());
    await spool.appendMany([{ van: 'VAN-01', readings: [temp(1), temp(2)] }]);
    const { worker } = (spool as unknown as { thread: { worker: Worker } }).thread;
    const ended = new Promise((resolve) => worker.once('exit', resolve));
    await worker.terminate();
    await ended;
    expect(await spool.appendMany([{ van: 'VAN-01', readings: [temp(2), temp(3)] }])).toEqual([
      { inserted: 1, duplicates: 1, collisions: 0 },
    ]);
    expect([spool.pendingLines, spool.headId]).toEqual([3, 2]);
    expect((await spool.head(5_000, 0))?.lines).toHaveLength(3);
  });
});
