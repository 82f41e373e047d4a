import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Reading } from '../core/readings.ts';
import { MAX_DOOR_EVENTS } from '../store/door-transitions.ts';
import { openInfluxReadingStore } from '../store/influx-reading-store.ts';
import type { ReadingStore } from '../store/reading-store.ts';
import { openSqliteReadingStore } from '../store/sqlite-reading-store.ts';
import { createLogger } from '../platform/logger.ts';
import { MetricsRegistry } from '../platform/metrics.ts';
import { startInfluxd, type Influxd } from './harness/influxd.ts';

/**
 * One contract, two stores: the embedded SQLite store and InfluxDB (a real `influxd`) must
 * answer every question the same way, so ingest and the dashboard never know which is behind.
 */
interface StoreKind {
  name: string;
  setup(): Promise<void>;
  teardown(): Promise<void>;
  /** Opens a store on `dir`; the same `dir` reopens the same data. */
  open(dir: string): ReadingStore | Promise<ReadingStore>;
}

let influxd: Influxd | undefined;
const sqlite: StoreKind = {
  name: 'SQLite (embedded)',
  setup: async () => {},
  teardown: async () => {},
  open: (dir) => openSqliteReadingStore(join(dir, 'givre.db')),
};
// As ingest opens it (issue 14): the writes committed on a thread of their own.
const sqliteWriterThread: StoreKind = {
  name: 'SQLite, writer thread',
  setup: async () => {},
  teardown: async () => {},
  open: (dir) => openSqliteReadingStore(join(dir, 'givre.db'), { writeInWorker: true }),
};
const influx: StoreKind = {
  name: 'InfluxDB 1.x (influxd)',
  setup: async () => {
    influxd = await startInfluxd();
  },
  teardown: async () => influxd?.destroy(),
  open: (dir) =>
    openInfluxReadingStore({
      url: (influxd as Influxd).url,
      // One database per data directory: tests do not see each other's readings.
      database: `contract_${dir.slice(-6).replace(/[^A-Za-z0-9]/g, '_')}`,
      dataDir: dir,
      retention: '400d',
      spoolMaxBytes: 64 * 1024 * 1024,
      metrics: new MetricsRegistry(),
      logger: createLogger({ level: 'silent' }),
    }),
};

const t0 = Date.UTC(2026, 10, 26, 20, 0, 0);
const temp = (seq: number, dt: number, celsius: number, compartment = 'chilled', sensor = 'T1'): Reading => ({
  seq,
  ts: t0 + dt,
  kind: 'temperature',
  compartment,
  sensor,
  celsius,
});
const everyKind: Reading[] = [
  temp(1, 0, 3.4),
  { seq: 2, ts: t0, kind: 'door', compartment: 'chilled', open: true },
  { seq: 3, ts: t0 + 1_000, kind: 'battery', percent: 87.5 },
  { seq: 4, ts: t0 + 2_000, kind: 'position', lat: 50.4542, lon: 3.9567 },
  { seq: 5, ts: t0 + 3_000, kind: 'reefer', compartment: 'frozen', state: 'defrost', setpoint: -20 },
  temp(6, 30_000, -18.5, 'frozen', 'F1'),
  { seq: 7, ts: t0 + 45_000, kind: 'door', compartment: 'chilled', open: false },
];

describe.each([sqlite, sqliteWriterThread, influx])('ReadingStore contract: $name', (kind) => {
  const dirs: string[] = [];
  const stores: ReadingStore[] = [];
  const open = async (dir?: string) => {
    const d = dir ?? mkdtempSync(join(tmpdir(), 'givre-contract-'));
    if (!dir) dirs.push(d);
    const store = await kind.open(d);
    stores.push(store);
    return { store, dir: d };
  };

  beforeAll(() => kind.setup());
  afterAll(() => kind.teardown());
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('stores each reading once: a replay is reported as duplicates and not counted again', async () => {
    const { store } = await open();
    expect(await store.append('VAN-01', everyKind)).toEqual({ inserted: 7, duplicates: 0 });
    expect(await store.append('VAN-01', everyKind.slice(0, 3))).toEqual({ inserted: 0, duplicates: 3 });
    expect(await store.append('VAN-01', [everyKind[6] as Reading, temp(8, 60_000, 3.9)])).toEqual({
      inserted: 1,
      duplicates: 1,
    });
    await store.flush();
    expect(await store.count()).toBe(8);
    expect(await store.count({ van: 'VAN-01' })).toBe(8);
    expect(await store.count({ kind: 'door' })).toBe(2);
    expect(await store.count({ van: 'VAN-02' })).toBe(0);
  });

  it('appends a group of messages as one: a result per message, replays within the group and before it are duplicates (issue 14)', async () => {
    const { store } = await open();
    await store.append('VAN-01', everyKind.slice(0, 2));
    expect(
      await store.appendMany([
        { van: 'VAN-01', readings: everyKind.slice(0, 4) },
        { van: 'VAN-02', readings: everyKind.slice(0, 3) },
        { van: 'VAN-01', readings: everyKind.slice(3) },
        { van: 'VAN-02', readings: [] },
      ]),
    ).toEqual([
      { inserted: 2, duplicates: 2 },
      { inserted: 3, duplicates: 0 },
      { inserted: 3, duplicates: 1 },
      { inserted: 0, duplicates: 0 },
    ]);
    await store.flush();
    expect(await store.count({ van: 'VAN-01' })).toBe(7);
    expect(await store.readings('VAN-02', t0, t0 + 60_000)).toEqual(everyKind.slice(0, 3));
  });

  it('stores a message of many readings of every kind whole, its replayed ones counted apart (issue 14)', async () => {
    const { store } = await open();
    // 121 readings: more than the SQLite store binds in one statement, the kinds interleaved.
    const many: Reading[] = Array.from({ length: 121 }, (_, i) => {
      const r = everyKind[i % everyKind.length]!;
      return { ...r, seq: 100 + i, ts: t0 + i * 1_000 };
    });
    await store.append(
      'VAN-01',
      many.filter((r) => r.seq % 10 === 0),
    );
    expect(await store.append('VAN-01', many)).toEqual({ inserted: 108, duplicates: 13 });
    await store.flush();
    expect(await store.count({ van: 'VAN-01' })).toBe(121);
    expect(await store.readings('VAN-01', t0, t0 + 121_000)).toEqual(many);
  });

  it('keeps the same seq of two vans apart', async () => {
    const { store } = await open();
    await store.append('VAN-01', everyKind);
    expect((await store.append('VAN-02', everyKind)).inserted).toBe(7);
    await store.flush();
    expect(await store.count()).toBe(14);
  });

  it('gives back every kind of reading as sent, in device-time order, from inclusive and to exclusive', async () => {
    const { store } = await open();
    // Sent out of order, as store-and-forward delivers them.
    await store.append('VAN-01', [...everyKind].reverse());
    await store.flush();
    const sorted = [...everyKind].sort((a, b) => a.ts - b.ts || a.seq - b.seq);
    expect(await store.readings('VAN-01', t0, t0 + 60_000)).toEqual(sorted);
    expect((await store.readings('VAN-01', t0 + 1, t0 + 30_000)).map((r) => r.seq)).toEqual([3, 4, 5]);
    expect(await store.readings('VAN-02', t0, t0 + 60_000)).toEqual([]);
  });

  it('keeps what it accepted across a close and a reopen', async () => {
    const first = await open();
    await first.store.append('VAN-01', everyKind);
    await first.store.close();
    const { store } = await open(first.dir);
    expect(await store.append('VAN-01', everyKind)).toEqual({ inserted: 0, duplicates: 7 });
    await store.flush();
    expect(await store.count({ van: 'VAN-01' })).toBe(7);
  });

  it('folds temperatures into epoch-aligned buckets with min / mean / max, with the door events', async () => {
    const { store } = await open();
    // Bucket of 60 s: t0 is a whole minute. Chilled T1: 2 readings in minute 0, 1 in minute 2;
    // chilled T2 and frozen F1 must be filtered out; minute 1 has no chilled reading.
    await store.append('VAN-01', [
      temp(1, 5_000, 2.0),
      temp(2, 35_000, 4.0),
      temp(3, 125_000, 6.5),
      temp(4, 10_000, 9.0, 'chilled', 'T2'),
      temp(5, 70_000, -19.0, 'frozen', 'F1'),
      { seq: 6, ts: t0 + 20_000, kind: 'door', compartment: 'chilled', open: true },
      { seq: 7, ts: t0 + 50_000, kind: 'door', compartment: 'chilled', open: false },
      { seq: 8, ts: t0 + 60_000, kind: 'door', compartment: 'frozen', open: true },
    ]);
    await store.flush();

    const sensor = await store.history({
      van: 'VAN-01',
      compartment: 'chilled',
      sensor: 'T1',
      from: t0,
      to: t0 + 180_000,
      bucketMs: 60_000,
    });
    expect(sensor.buckets.map((b) => ({ ...b, mean: Number(b.mean.toFixed(6)) }))).toEqual([
      { start: t0, min: 2, mean: 3, max: 4, count: 2 },
      { start: t0 + 120_000, min: 6.5, mean: 6.5, max: 6.5, count: 1 },
    ]);
    expect(sensor.doors).toEqual([
      { ts: t0 + 20_000, compartment: 'chilled', open: true },
      { ts: t0 + 50_000, compartment: 'chilled', open: false },
    ]);

    const compartment = await store.history({
      van: 'VAN-01',
      compartment: 'chilled',
      from: t0,
      to: t0 + 60_000,
      bucketMs: 60_000,
    });
    expect(compartment.buckets).toHaveLength(1);
    expect(compartment.buckets[0]).toMatchObject({ min: 2, max: 9, count: 3 });
    expect(compartment.buckets[0]?.mean).toBeCloseTo(5, 9);
    expect(compartment.sensors).toBeUndefined();

    // Asked by sensor (the van page draws one line per probe), each sensor's own buckets too.
    const bySensor = await store.history({
      van: 'VAN-01',
      compartment: 'chilled',
      from: t0,
      to: t0 + 180_000,
      bucketMs: 60_000,
      bySensor: true,
    });
    expect(bySensor.buckets).toHaveLength(2);
    expect(
      bySensor.sensors?.map((s) => ({
        sensor: s.sensor,
        buckets: s.buckets.map((b) => [b.start - t0, b.max]),
      })),
    ).toEqual([
      {
        sensor: 'T1',
        buckets: [
          [0, 4],
          [120_000, 6.5],
        ],
      },
      { sensor: 'T2', buckets: [[0, 9]] },
    ]);

    // A range starting mid-bucket still reports the epoch-aligned bucket start; all doors of the van.
    const van = await store.history({ van: 'VAN-01', from: t0 + 30_000, to: t0 + 90_000, bucketMs: 60_000 });
    expect(van.buckets).toEqual([
      { start: t0, min: 4, mean: 4, max: 4, count: 1 },
      { start: t0 + 60_000, min: -19, mean: -19, max: -19, count: 1 },
    ]);
    expect(van.doors.map((d) => d.compartment)).toEqual(['chilled', 'frozen']);
  });

  it('gives each door’s state at the start, then only its changes, across pages (issue 11, 7)', async () => {
    const { store } = await open();
    // 3 000 s of a door reporting every second: open for the first 1 000 s, closed for 1 000,
    // open again; the other door stays closed. 6 000 readings, more than one page.
    const readings: Reading[] = [];
    for (let i = 0; i < 3_000; i++) {
      readings.push({
        seq: 10 + 2 * i,
        ts: t0 + i * 1_000,
        kind: 'door',
        compartment: 'chilled',
        open: i < 1_000 || i >= 2_000,
      });
      readings.push({
        seq: 11 + 2 * i,
        ts: t0 + i * 1_000,
        kind: 'door',
        compartment: 'frozen',
        open: false,
      });
    }
    for (let i = 0; i < readings.length; i += 2_000)
      await store.append('VAN-01', readings.slice(i, i + 2_000));
    await store.flush();
    const all = await store.history({ van: 'VAN-01', from: t0, to: t0 + 3_000_000, bucketMs: 60_000 });
    expect(all.truncated).toBe(false);
    expect(all.doors).toEqual([
      { ts: t0, compartment: 'chilled', open: true },
      { ts: t0, compartment: 'frozen', open: false },
      { ts: t0 + 1_000_000, compartment: 'chilled', open: false },
      { ts: t0 + 2_000_000, compartment: 'chilled', open: true },
    ]);
    const chilledLater = await store.history({
      van: 'VAN-01',
      compartment: 'chilled',
      from: t0 + 1_500_000,
      to: t0 + 3_000_000,
      bucketMs: 60_000,
    });
    expect(chilledLater.doors).toEqual([
      { ts: t0 + 1_500_000, compartment: 'chilled', open: false },
      { ts: t0 + 2_000_000, compartment: 'chilled', open: true },
    ]);
  });

  it('caps the door changes of one answer and says it is truncated', async () => {
    const { store } = await open();
    // A door that changes at every reading: 2 500 changes, more than MAX_DOOR_EVENTS.
    const readings: Reading[] = Array.from({ length: 2_500 }, (_, i) => ({
      seq: 100 + i,
      ts: t0 + i * 1_000,
      kind: 'door' as const,
      compartment: 'chilled',
      open: i % 2 === 0,
    }));
    await store.append('VAN-01', readings);
    await store.flush();
    const h = await store.history({ van: 'VAN-01', from: t0, to: t0 + 3_000_000, bucketMs: 60_000 });
    expect(h.truncated).toBe(true);
    expect(h.doors).toHaveLength(MAX_DOOR_EVENTS);
    expect(h.doors.at(-1)).toEqual({
      ts: t0 + (MAX_DOOR_EVENTS - 1) * 1_000,
      compartment: 'chilled',
      open: false,
    });
  });

  it('refuses a history query that would return too many buckets', async () => {
    const { store } = await open();
    await expect(
      store.history({ van: 'VAN-01', from: t0, to: t0 + 86_400_000, bucketMs: 1 }),
    ).rejects.toThrow(/buckets/);
  });
});
