// `npm run bench`: Givre's ingest throughput on this machine, end to end (MQTT QoS 1 →
// validation → store, until every reading is queryable), on SQLite and on a throwaway InfluxDB.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSystem } from '../cli/givre-system.ts';
import { loadConfig } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { startInfluxd } from '../test/harness/influxd.ts';
import { measureIngest, type ThroughputResult } from './ingest-throughput.ts';

const SHAPES = [
  { name: '1 reading/message', vans: 8, messagesPerVan: 2_500, readingsPerMessage: 1 },
  { name: '50 readings/message', vans: 8, messagesPerVan: 250, readingsPerMessage: 50 },
];

async function runOn(label: string, env: Record<string, string>): Promise<Array<[string, ThroughputResult]>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'givre-bench-'));
  const config = loadConfig({
    GIVRE_MQTT_PORT: '0',
    GIVRE_HTTP_PORT: '0',
    GIVRE_DATA_DIR: dataDir,
    GIVRE_LOG_LEVEL: 'error',
    ...env,
  });
  // The publishers connect anonymously: the ACL costs one topic parse per publish, credentials
  // only the CONNECT, so the open policy measures the same ingest path.
  const system = await startSystem({ config, logger: createLogger({ level: 'error' }), access: 'open' });
  const flush = async () => (system.store as { flush?: () => Promise<void> }).flush?.();
  const results: Array<[string, ThroughputResult]> = [];
  try {
    let runId = 0;
    for (const shape of SHAPES) {
      const result = await measureIngest(system, { ...shape, runId: ++runId, flush });
      results.push([`${label}, ${shape.name}`, result]);
    }
  } finally {
    await system.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}

const rows: Array<[string, ThroughputResult]> = [];
rows.push(...(await runOn('aedes → ingest → SQLite', {})));
const influxd = await startInfluxd();
try {
  rows.push(
    ...(await runOn('aedes → ingest → InfluxDB', {
      GIVRE_INFLUX_URL: influxd.url,
      GIVRE_INFLUX_DB: 'bench',
    })),
  );
} finally {
  await influxd.destroy();
}

console.log('\nGivre ingest throughput (QoS 1, every message validated, every reading stored and counted)\n');
console.log(
  'pipeline'.padEnd(52),
  'readings/s'.padStart(12),
  'messages/s'.padStart(12),
  'seconds'.padStart(9),
);
for (const [name, r] of rows) {
  console.log(
    name.padEnd(52),
    Math.round(r.readingsPerSecond).toString().padStart(12),
    Math.round(r.messagesPerSecond).toString().padStart(12),
    r.seconds.toFixed(2).padStart(9),
  );
}
