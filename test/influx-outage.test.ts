import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openInfluxReadingStore } from '../store/influx-reading-store.ts';
import type { ReadingStore } from '../store/reading-store.ts';
import { createLogger } from '../platform/logger.ts';
import { MetricsRegistry } from '../platform/metrics.ts';
import { startInfluxd, type Influxd } from './harness/influxd.ts';
import { streamReadings } from './harness/influx-stream.ts';
import { waitFor } from './harness/wait-for.ts';

/** Value of one unlabelled series in `/metrics` text. */
function metric(metrics: MetricsRegistry, name: string): number {
  const line = metrics
    .render()
    .split('\n')
    .find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('InfluxDB store when InfluxDB goes away (issue 3 acceptance)', () => {
  let influxd: Influxd;
  let store: ReadingStore;
  const dataDir = mkdtempSync(join(tmpdir(), 'givre-outage-'));
  const metrics = new MetricsRegistry();

  beforeAll(async () => {
    influxd = await startInfluxd();
    store = await openInfluxReadingStore({
      url: influxd.url,
      database: 'givre',
      dataDir,
      retention: '400d',
      spoolMaxBytes: 256 * 1024 * 1024,
      metrics,
      logger: createLogger({ level: 'warn' }),
      // Caps how long after InfluxDB's return the replay starts, to keep the test short.
      backoff: { initialMs: 200, maxMs: 2_000 },
    });
  });

  afterAll(async () => {
    await store?.close();
    await influxd?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('spools 60 s of a 500 readings/s stream to disk and replays it: every reading in InfluxDB exactly once', async () => {
    // 50 readings every 100 ms = 500 readings/s, each message awaited as ingest does before its PUBACK.
    const stream = streamReadings((readings) => store.append('VAN-OUT', readings), {
      perMessage: 50,
      intervalMs: 100,
    });
    await waitFor(async () => (await store.count({ van: 'VAN-OUT' })) > 1_000, {
      what: 'readings in InfluxDB',
      timeoutMs: 30_000,
    });

    await influxd.stop();
    const sentAtStop = stream.sent;
    await waitFor(() => !store.readiness().ready, {
      what: 'readiness to report the outage',
      timeoutMs: 30_000,
    });
    expect(store.readiness().detail).toMatch(/InfluxDB unreachable since .*spooled in .*influx-spool\.db/);
    // The duration is the point of this test: 60 s without InfluxDB under a steady stream.
    await new Promise((r) => setTimeout(r, 60_000));
    const spooledDuringOutage = stream.sent - sentAtStop;
    expect(spooledDuringOutage).toBeGreaterThanOrEqual(29_000);
    expect(metric(metrics, 'givre_influx_lines_pending')).toBeGreaterThanOrEqual(29_000);
    expect(metric(metrics, 'givre_influx_spool_bytes')).toBeGreaterThan(1_000_000);
    expect(metric(metrics, 'givre_influx_up')).toBe(0);
    expect(metric(metrics, 'givre_influx_write_retries_total')).toBeGreaterThan(0);

    await influxd.start();
    await waitFor(() => store.readiness().ready && metric(metrics, 'givre_influx_lines_pending') < 5_000, {
      what: 'the spool to drain',
      timeoutMs: 60_000,
    });
    await stream.stop();
    await store.flush();

    expect(await store.count({ van: 'VAN-OUT' })).toBe(stream.sent);
    expect(metric(metrics, 'givre_influx_lines_pending')).toBe(0);
    expect(metric(metrics, 'givre_influx_dead_letters_total')).toBe(0);
    // Appends never waited for InfluxDB: the stream kept its pace throughout.
    expect(stream.slowestAppendMs).toBeLessThan(250);
  }, 180_000);
});
