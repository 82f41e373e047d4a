import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reading } from '../core/readings.ts';
import type { DeadLetter } from '../store/influx-dead-letter.ts';
import { DEAD_LETTER_FILE, openInfluxReadingStore } from '../store/influx-reading-store.ts';
import type { ReadingStore } from '../store/reading-store.ts';
import { createLogger } from '../platform/logger.ts';
import { MetricsRegistry } from '../platform/metrics.ts';
import { startInfluxd, type Influxd } from './harness/influxd.ts';
import { readingAt, streamReadings } from './harness/influx-stream.ts';
import { waitFor } from './harness/wait-for.ts';

describe('a point InfluxDB refuses (issue 3 acceptance)', () => {
  let influxd: Influxd;
  let store: ReadingStore;
  const dataDir = mkdtempSync(join(tmpdir(), 'givre-dead-letter-'));
  const metrics = new MetricsRegistry();

  beforeAll(async () => {
    influxd = await startInfluxd();
    store = await openInfluxReadingStore({
      url: influxd.url,
      database: 'givre',
      dataDir,
      retention: '400d',
      spoolMaxBytes: 64 * 1024 * 1024,
      metrics,
      logger: createLogger({ level: 'silent' }),
    });
  });

  afterAll(async () => {
    await store?.close();
    await influxd?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lands in the dead-letter file with its reason, once, and the stream goes on', async () => {
    const stream = streamReadings((readings) => store.append('VAN-DL', readings), {
      perMessage: 50,
      intervalMs: 100,
    });
    await waitFor(() => stream.sent >= 1_000, { what: 'the stream to flow', timeoutMs: 30_000 });
    // Valid for Givre (device time after 2020) but older than the 400-day retention policy:
    // InfluxDB answers 400 "points beyond retention policy", for this point only, in a full batch.
    const stale: Reading = { seq: 10_000_000, ts: Date.UTC(2021, 0, 1), kind: 'battery', percent: 50 };
    const mixed = [readingAt(5_000_001), stale, readingAt(5_000_002)];
    expect(await store.append('VAN-DL', mixed)).toEqual({ inserted: 3, duplicates: 0 });
    await waitFor(() => stream.sent >= 3_000, {
      what: 'the stream to go on past the refused point',
      timeoutMs: 30_000,
    });
    await stream.stop();
    await store.flush();

    const letters = readFileSync(join(dataDir, DEAD_LETTER_FILE), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as DeadLetter);
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ status: 400, reason: expect.stringMatching(/retention policy/) });
    expect(letters[0]?.line).toMatch(/^battery,van=VAN-DL percent=50,seq=10000000i 1609459200000$/);

    expect(await store.count({ van: 'VAN-DL' })).toBe(stream.sent + 2);
    expect(metrics.render()).toMatch(/givre_influx_dead_letters_total 1\n/);
    expect(store.readiness()).toMatchObject({
      ready: true,
      detail: expect.stringMatching(/1 readings refused/),
    });
  });
});
