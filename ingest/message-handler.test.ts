import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';
import { createLogger } from '../platform/logger.ts';
import { MetricsRegistry } from '../platform/metrics.ts';
import { createMessageHandler } from './message-handler.ts';
import { wholeHandler } from './group-runner.ts';
import type { ReadingStore } from '../store/reading-store.ts';
import { openSqliteReadingStore } from '../store/sqlite-reading-store.ts';
import { createStoreRetry } from './store-retry.ts';

const ts = Date.UTC(2026, 10, 26, 20, 0, 0);
const encode = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
const batch = (van: string, seq: number) => ({
  v: 1,
  van,
  readings: [{ seq, ts, kind: 'temperature', compartment: 'chilled', sensor: 'T1', celsius: 3 }],
});

function setup(
  now = () => ts,
  store: ReadingStore = openSqliteReadingStore(':memory:'),
  stateDb?: Database.Database,
) {
  const bus = new EventBus<GivreEvents>();
  const metrics = new MetricsRegistry();
  const handleGroup = wholeHandler(
    createMessageHandler({
      store,
      bus,
      metrics,
      logger: createLogger({ level: 'silent' }),
      maxPayloadBytes: 4096,
      clockToleranceMs: 5 * 60_000,
      now,
      ...(stateDb ? { stateTransaction: stateDb.transaction((work: () => void) => work()) } : {}),
    }),
  );
  // One message, a group of one: as ingest's MQTT subscription hands them over.
  const handle = (topic: string, payload: Uint8Array) => handleGroup([{ topic, payload }]);
  return { store, bus, metrics, handle, handleGroup };
}

describe('ingest message handler', () => {
  it('stores good readings, counts bad ones by reason, and keeps going', async () => {
    const { store, metrics, handle } = setup();
    await handle('givre/v1/vans/VAN-01/telemetry', encode(batch('VAN-01', 1)));
    await handle('givre/v1/vans/VAN-01/telemetry', new TextEncoder().encode('not json'));
    await handle('givre/v1/vans/VAN-01/telemetry', encode({ v: 1, van: 'VAN-01' }));
    await handle('givre/v1/vans/VAN-02/telemetry', encode(batch('VAN-01', 2)));
    await handle('givre/v1/vans/VAN-01/telemetry', new Uint8Array(5000));
    await handle('givre/v1/vans/VAN-01/telemetry', encode(batch('VAN-01', 1)));
    await handle('givre/v1/vans/VAN-02/telemetry', encode(batch('VAN-02', 1)));
    expect(await store.count()).toBe(2);
    const rejected = (reason: string) => metrics.counter('givre_ingest_rejected_total', '').get({ reason });
    expect([
      rejected('bad-json'),
      rejected('schema'),
      rejected('van-mismatch'),
      rejected('oversize'),
    ]).toEqual([1, 1, 1, 1]);
    const readings = metrics.counter('givre_ingest_readings_total', '');
    expect(readings.get({ result: 'stored' })).toBe(2);
    expect(readings.get({ result: 'duplicate' })).toBe(1);
  });

  it('announces status and acknowledgements on the bus', async () => {
    const { bus, handle } = setup();
    const seen: string[] = [];
    bus.on('van-status', (s) => seen.push(`status:${s.state}`));
    bus.on('van-ack', (a) => seen.push(`ack:${a.reason}`));
    await handle('givre/v1/vans/VAN-01/status', encode({ v: 1, van: 'VAN-01', state: 'offline' }));
    await handle(
      'givre/v1/vans/VAN-01/acks',
      encode({ v: 1, van: 'VAN-01', alertId: 'x', reason: 'defrost', ts }),
    );
    expect(seen).toEqual(['status:offline', 'ack:defrost']);
  });

  it('rejects (so the message is not acknowledged) when the store fails', async () => {
    const { store, handle } = setup();
    await store.close();
    await expect(handle('givre/v1/vans/VAN-01/telemetry', encode(batch('VAN-01', 9)))).rejects.toThrow();
  });

  it('stores readings dated beyond the tolerance ahead of the server clock, and counts them (issue 13)', async () => {
    const { store, bus, metrics, handle } = setup(() => ts - 5 * 60_000 - 1);
    const arrivals: number[] = [];
    bus.on('readings-stored', (e) => arrivals.push(e.arrivedAt!));
    await handle('givre/v1/vans/VAN-01/telemetry', encode(batch('VAN-01', 1)));
    expect(await store.count()).toBe(1);
    expect(metrics.counter('givre_ingest_future_readings_total', '').get({})).toBe(1);
    expect(arrivals).toEqual([ts - 5 * 60_000 - 1]);
  });

  it('does not count a reading dated exactly the tolerance ahead', async () => {
    const { metrics, handle } = setup(() => ts - 5 * 60_000);
    await handle('givre/v1/vans/VAN-01/telemetry', encode(batch('VAN-01', 1)));
    expect(metrics.counter('givre_ingest_future_readings_total', '').get({})).toBe(0);
  });

  describe('a group of messages, judged as one (issue 14: group commit)', () => {
    const telemetry = (van: string, seq: number) => ({
      topic: `givre/v1/vans/${van}/telemetry`,
      payload: encode(batch(van, seq)),
    });
    const status = (van: string) => ({
      topic: `givre/v1/vans/${van}/status`,
      payload: encode({ v: 1, van, state: 'offline' }),
    });

    it('stores the good messages of a group with a bad one among them, and counts the bad one', async () => {
      const { store, metrics, handleGroup } = setup();
      await handleGroup([
        telemetry('VAN-01', 1),
        { topic: 'givre/v1/vans/VAN-01/telemetry', payload: new TextEncoder().encode('not json') },
        telemetry('VAN-02', 1),
        telemetry('VAN-01', 1), // a replay within the group
      ]);
      expect(await store.count({ van: 'VAN-01' })).toBe(1);
      expect(await store.count({ van: 'VAN-02' })).toBe(1);
      expect(metrics.counter('givre_ingest_rejected_total', '').get({ reason: 'bad-json' })).toBe(1);
      const readings = metrics.counter('givre_ingest_readings_total', '');
      expect([readings.get({ result: 'stored' }), readings.get({ result: 'duplicate' })]).toEqual([2, 1]);
    });

    it('announces every message of the group in its order, each after the whole group is stored', async () => {
      const { store, bus, handleGroup } = setup();
      const seen: string[] = [];
      bus.on('readings-stored', (e) => {
        seen.push(`readings:${e.van}:${e.readings[0]!.seq}`);
        // Readings first: when the first message is announced, the whole group is stored.
        void store.count().then((n) => seen.push(`count:${n}`));
      });
      bus.on('van-status', (s) => seen.push(`status:${s.van}`));
      bus.on('van-ack', (a) => seen.push(`ack:${a.van}`));
      await handleGroup([
        telemetry('VAN-01', 1),
        status('VAN-02'),
        telemetry('VAN-02', 5),
        {
          topic: 'givre/v1/vans/VAN-01/acks',
          payload: encode({ v: 1, van: 'VAN-01', alertId: 'x', reason: 'defrost', ts }),
        },
      ]);
      await Promise.resolve();
      expect(seen).toEqual([
        'readings:VAN-01:1',
        'status:VAN-02',
        'readings:VAN-02:5',
        'ack:VAN-01',
        'count:2',
        'count:2',
      ]);
    });

    it('stores none of a group whose store failed, and a retry stores each reading once', async () => {
      const real = openSqliteReadingStore(':memory:');
      let failures = 2; // the first call, then the retry’s first attempt
      const flaky: ReadingStore = {
        ...real,
        appendMany: (batches) =>
          failures-- > 0 ? Promise.reject(new Error('disk I/O error')) : real.appendMany(batches),
      };
      const { metrics, bus, handleGroup } = setup(() => ts, flaky);
      const announced: number[] = [];
      bus.on('readings-stored', (e) => announced.push(e.readings[0]!.seq));
      const group = [telemetry('VAN-01', 1), telemetry('VAN-01', 2), telemetry('VAN-02', 1)];

      await expect(handleGroup(group)).rejects.toThrow('disk I/O error');
      expect(await real.count()).toBe(0);
      expect(announced).toEqual([]);

      const retry = createStoreRetry({ metrics, logger: createLogger({ level: 'silent' }), retryDelayMs: 1 });
      expect(await retry(handleGroup, group, new AbortController().signal)).toBe(true);
      expect(await real.count()).toBe(3);
      expect(announced).toEqual([1, 2, 1]);
      expect(metrics.counter('givre_ingest_readings_total', '').get({ result: 'stored' })).toBe(3);
      expect(metrics.counter('givre_ingest_store_errors_total', '').get()).toBe(1);
    });

    it('writes the state of a whole group in one state transaction, keeping what was written before a listener failed', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'givre-group-'));
      const stateDb = new Database(join(dir, 'state.db'));
      stateDb.pragma('journal_mode = WAL');
      stateDb.exec('CREATE TABLE seen (van TEXT, seq INTEGER)');
      // Another connection (the dashboard's process) sees only what is committed.
      const other = new Database(join(dir, 'state.db'), { readonly: true });
      const committed = () => (other.prepare('SELECT COUNT(*) AS n FROM seen').get() as { n: number }).n;
      const insert = stateDb.prepare('INSERT INTO seen VALUES (?, ?)');
      const seenCommitted: number[] = [];
      const { bus, handleGroup } = setup(() => ts, openSqliteReadingStore(':memory:'), stateDb);
      bus.on('readings-stored', (e) => {
        seenCommitted.push(committed());
        if (e.readings[0]!.seq === 3) throw new Error('state store full');
        insert.run(e.van, e.readings[0]!.seq);
      });

      await handleGroup([telemetry('VAN-01', 1), telemetry('VAN-02', 1)]);
      // The first message's write was not committed yet when the second was announced.
      expect(seenCommitted).toEqual([0, 0]);
      expect(committed()).toBe(2);

      // A listener that throws ends the group as it ended a lone message: the group is
      // retried, and what the listeners wrote for the messages before it is kept.
      await expect(handleGroup([telemetry('VAN-01', 2), telemetry('VAN-01', 3)])).rejects.toThrow(
        'state store full',
      );
      expect(stateDb.prepare('SELECT van, seq FROM seen ORDER BY van, seq').all()).toEqual([
        { van: 'VAN-01', seq: 1 },
        { van: 'VAN-01', seq: 2 },
        { van: 'VAN-02', seq: 1 },
      ]);
      expect(committed()).toBe(3);
      other.close();
      stateDb.close();
      rmSync(dir, { recursive: true, force: true });
    });
  });
});
