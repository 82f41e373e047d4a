import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openInfluxReadingStore } from '../store/influx-reading-store.ts';
import { RETENTION_POLICY } from '../store/influx-setup.ts';
import type { ReadingStore } from '../store/reading-store.ts';
import { createLogger } from '../platform/logger.ts';
import { MetricsRegistry } from '../platform/metrics.ts';
import { influxql, startInfluxd, type Influxd } from './harness/influxd.ts';
import { readingAt } from './harness/influx-stream.ts';
import { waitFor } from './harness/wait-for.ts';

interface ShowResult {
  results: Array<{ series?: Array<{ columns: string[]; values: unknown[][] }> }>;
}

/** Retention policies of a database as `{ name: [duration, default] }`. */
async function policies(server: Influxd, db: string): Promise<Record<string, [string, boolean]>> {
  const json = (await influxql(server, `SHOW RETENTION POLICIES ON "${db}"`)) as ShowResult;
  const series = json.results[0]?.series?.[0];
  return Object.fromEntries((series?.values ?? []).map((v) => [v[0], [v[1], v[4]]]));
}

describe('InfluxDB database and retention policy at start-up (Reg. 37/2005)', () => {
  let influxd: Influxd;
  const dirs: string[] = [];
  const stores: ReadingStore[] = [];
  const lines: string[] = [];
  const open = async (username: string, database: string) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'givre-setup-'));
    dirs.push(dataDir);
    const store = await openInfluxReadingStore({
      url: influxd.url,
      database,
      username,
      password: username,
      dataDir,
      retention: '400d',
      spoolMaxBytes: 64 * 1024 * 1024,
      metrics: new MetricsRegistry(),
      logger: createLogger({ level: 'warn', write: (l) => lines.push(l) }),
    });
    stores.push(store);
    return store;
  };

  beforeAll(async () => {
    influxd = await startInfluxd({ auth: true });
  });
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  afterAll(() => influxd?.destroy());

  it('creates the database and a default policy of 400 days when it has the rights', async () => {
    const store = await open('admin', 'givre_admin');
    await store.append('VAN-01', [readingAt(1)]);
    await store.flush();
    expect(await policies(influxd, 'givre_admin')).toMatchObject({ [RETENTION_POLICY]: ['9600h0m0s', true] });
    expect(store.readiness()).toEqual({ ready: true });
  });

  it('explains what an administrator must run when it has not, and writes into what exists', async () => {
    await influxql(influxd, 'CREATE DATABASE "givre_plain"');
    await influxql(influxd, "CREATE USER writer WITH PASSWORD 'writer'");
    await influxql(influxd, 'GRANT ALL ON "givre_plain" TO writer');
    const store = await open('writer', 'givre_plain');
    await store.append('VAN-01', [readingAt(1), readingAt(2)]);
    await store.flush();
    expect(await store.count()).toBe(2);
    await waitFor(() => store.readiness().detail !== undefined, {
      what: 'the set-up note',
      timeoutMs: 30_000,
    });
    const detail = store.readiness().detail ?? '';
    expect(detail).toMatch(/requires admin privilege/);
    expect(detail).toContain(
      `CREATE RETENTION POLICY "${RETENTION_POLICY}" ON "givre_plain" DURATION 400d REPLICATION 1 DEFAULT`,
    );
    expect(lines.some((l) => l.includes('ask an administrator'))).toBe(true);
  });
});
