// `npm run bench`: Givre's ingest throughput on this machine, end to end (MQTT QoS 1 →
// validation → store, until every reading is queryable), on SQLite and on a throwaway InfluxDB,
// and the peer pipeline of DESIGN.md §8 (Mosquitto → Node-RED → InfluxDB) under the same load.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSystem } from '../cli/givre-system.ts';
import { loadConfig } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { startInfluxd } from '../test/harness/influxd.ts';
import { startMosquitto } from '../test/harness/mosquitto.ts';
import { startPeerPipeline } from './peer-pipeline.ts';
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
  // InfluxDB batches writes: flush so that the count sees everything accepted so far.
  const pipeline = {
    mqttUrl: system.mqttUrl,
    stored: async () => {
      await system.store.flush();
      return system.store.count();
    },
  };
  const results: Array<[string, ThroughputResult]> = [];
  try {
    let runId = 0;
    for (const shape of SHAPES) {
      const result = await measureIngest(pipeline, { ...shape, runId: ++runId });
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
const mosquitto = await startMosquitto();
const peer: Array<[string, ThroughputResult]> = [];
try {
  rows.push(
    ...(await runOn('aedes → ingest → InfluxDB', {
      GIVRE_INFLUX_URL: influxd.url,
      GIVRE_INFLUX_DB: 'bench',
    })),
  );
  const pipeline = await startPeerPipeline(mosquitto, influxd);
  try {
    let runId = 100;
    for (const shape of SHAPES) {
      peer.push([
        `peer: Mosquitto → Node-RED → InfluxDB, ${shape.name}`,
        await measureIngest(pipeline, { ...shape, runId: ++runId }),
      ]);
    }
  } finally {
    await pipeline.stop();
  }
} finally {
  await mosquitto.stop();
  await influxd.destroy();
}
rows.push(...peer);

console.log('\nGivre ingest throughput (QoS 1, every message validated, every reading stored and counted)\n');
console.log(
  'pipeline'.padEnd(52),
  'readings/s'.padStart(12),
  'messages/s'.padStart(12),
  'seconds'.padStart(9),
  'lost'.padStart(8),
);
for (const [name, r] of rows) {
  console.log(
    name.padEnd(52),
    Math.round(r.readingsPerSecond).toString().padStart(12),
    Math.round(r.messagesPerSecond).toString().padStart(12),
    r.seconds.toFixed(2).padStart(9),
    String(r.lost).padStart(8),
  );
}

// Ratios against the peer pipeline for the same message shape (> 1: Givre is faster).
console.log('\nratio to the peer pipeline (readings/s, same shape)');
for (const [name, r] of rows.filter(([n]) => !n.startsWith('peer'))) {
  const shape = name.split(', ').pop() ?? '';
  const match = peer.find(([n]) => n.endsWith(shape));
  if (match)
    console.log(`  ${name.padEnd(50)} ×${(r.readingsPerSecond / match[1].readingsPerSecond).toFixed(2)}`);
}
