import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { influxql, type Influxd } from '../test/harness/influxd.ts';
import { freePort } from '../test/harness/free-port.ts';
import type { Mosquitto } from '../test/harness/mosquitto.ts';
import { waitFor } from '../test/harness/wait-for.ts';
import { peerFlow } from './peer-flow.ts';

/**
 * Node-RED is installed outside the project (never one of its dependencies, never linted):
 * GIVRE_BENCH_PEER_DIR, else ~/.cache/givre/peer-node-red.
 */
const PEER_DIR = resolve(
  process.env.GIVRE_BENCH_PEER_DIR ?? join(homedir(), '.cache', 'givre', 'peer-node-red'),
);
const RED = join(PEER_DIR, 'node_modules/node-red/red.js');

/** Installs Node-RED 4.1 and node-red-contrib-influxdb into PEER_DIR the first time. */
export function ensurePeerInstalled(): void {
  if (existsSync(RED) && existsSync(join(PEER_DIR, 'node_modules/node-red-contrib-influxdb'))) return;
  mkdirSync(PEER_DIR, { recursive: true });
  console.error(`installing the peer pipeline (node-red@4.1, node-red-contrib-influxdb) into ${PEER_DIR}…`);
  execFileSync(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefix',
      PEER_DIR,
      'node-red@~4.1',
      'node-red-contrib-influxdb@0.7',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

/**
 * Which of Node-RED's log lines (level info) reach the bench's stderr: warnings, errors, and
 * its broker connection coming and going — with a clean session, a reconnection costs it
 * whatever Mosquitto still held for it.
 */
const worthSaying = (line: string) => /\[(warn|error)\]|\[mqtt-broker:/.test(line);

/** How long Node-RED is given to exit on SIGTERM before SIGKILL, ms. */
const STOP_WITHIN_MS = 10_000;

export interface PeerPipeline {
  mqttUrl: string;
  /** The InfluxDB database Node-RED writes to. */
  database: string;
  /** Node-RED's process. */
  pid: number;
  stop(): Promise<void>;
}

/**
 * Mosquitto → Node-RED (the flow of peer-flow.ts) → InfluxDB, each a real server on this
 * machine, Node-RED as a process of its own.
 */
export async function startPeerPipeline(
  mosquitto: Mosquitto,
  influxd: Influxd,
  options: { persistentSession: boolean },
): Promise<PeerPipeline> {
  ensurePeerInstalled();
  const database = 'peer';
  await influxql(influxd, `CREATE DATABASE ${database}`);
  const userDir = mkdtempSync(join(tmpdir(), 'givre-peer-'));
  const port = await freePort();
  writeFileSync(
    join(userDir, 'flows.json'),
    JSON.stringify(peerFlow({ mqttPort: mosquitto.port, influxPort: influxd.port, database, ...options })),
  );
  writeFileSync(
    join(userDir, 'settings.js'),
    `module.exports = { uiHost: '127.0.0.1', uiPort: ${port}, flowFile: 'flows.json', logging: { console: { level: 'info' } }, editorTheme: { tours: false }, telemetry: { enabled: false }, credentialSecret: false };\n`,
  );
  const red: ChildProcess = spawn(
    process.execPath,
    [RED, '--userDir', userDir, '--settings', join(userDir, 'settings.js')],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  // Node-RED logs to stdout: what is worth saying onto the bench's stderr once it is ready (its
  // start-up notices are the same every run), so that a failed write to InfluxDB or a lost
  // broker connection — readings the peer loses — is seen beside the figures.
  let ready = false;
  createInterface({ input: red.stdout! }).on('line', (line) => {
    if (ready && worthSaying(line)) process.stderr.write(`node-red: ${line}\n`);
  });
  // Ready when its MQTT subscription is live: a probe reading comes through to InfluxDB. The
  // database outlives this pipeline (every run starts a fresh one), so the probe is this
  // start's own, told by its sensor tag: an earlier probe passing would let the vans publish
  // before Node-RED subscribed, and Mosquitto drop what has no subscriber yet.
  const sensor = `P-${randomUUID()}`;
  const stored = async () => {
    const result = (await influxql(
      influxd,
      `SELECT COUNT(celsius) FROM temperature WHERE sensor = '${sensor}'`,
      database,
    )) as {
      results: Array<{ series?: Array<{ values: Array<[string, number]> }> }>;
    };
    return result.results[0]?.series?.[0]?.values[0]?.[1] ?? 0;
  };
  const probe = await import('mqtt').then((m) =>
    m.default.connectAsync(mosquitto.url, { reconnectPeriod: 0 }),
  );
  const batch = {
    v: 1,
    van: 'PROBE',
    readings: [
      {
        seq: 1,
        ts: Date.UTC(2026, 0, 1),
        kind: 'temperature',
        compartment: 'chilled',
        sensor,
        celsius: 1,
      },
    ],
  };
  await waitFor(
    async () => {
      await probe.publishAsync('givre/v1/vans/PROBE/telemetry', JSON.stringify(batch), { qos: 1 });
      return (await stored()) > 0;
    },
    { timeoutMs: 60_000, intervalMs: 1_500, what: 'Node-RED to pass a probe through to InfluxDB' },
  );
  await probe.endAsync();
  ready = true;
  return {
    mqttUrl: mosquitto.url,
    database,
    pid: red.pid!,
    async stop() {
      ready = false; // its disconnection on the way out is no news
      if (red.exitCode === null && red.signalCode === null) {
        const exited = new Promise((r) => red.once('exit', r));
        red.kill('SIGTERM');
        // Node-RED closes its flows on SIGTERM; with a backlog in hand it may take its time.
        const slow = setTimeout(() => red.kill('SIGKILL'), STOP_WITHIN_MS);
        await exited;
        clearTimeout(slow);
      }
      rmSync(userDir, { recursive: true, force: true });
    },
  };
}
