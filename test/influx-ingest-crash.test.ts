import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDeviceSecret } from '../state/device-provisioning.ts';
import { vanTopic } from '../core/topics.ts';
import { openInfluxReadingStore } from '../store/influx-reading-store.ts';
import type { ReadingStore } from '../store/reading-store.ts';
import { createLogger } from '../platform/logger.ts';
import { MetricsRegistry } from '../platform/metrics.ts';
import { createDeviceRepository } from '../state/device-repository.ts';
import { openStateDb } from '../state/state-db.ts';
import { freePort } from './harness/free-port.ts';
import { startInfluxd, type Influxd } from './harness/influxd.ts';
import { streamReadings } from './harness/influx-stream.ts';
import { connectClient } from './harness/mqtt-client.ts';
import { waitFor } from './harness/wait-for.ts';

/** A `givre` service as its own process, as docker-compose runs it; resolves once `ready` is logged. */
function spawnGivre(command: string, env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  const child = spawn(process.execPath, [resolve('bin/givre.js'), command], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  return new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`givre ${command} not ready: ${log}`)), 30_000);
    child.stderr?.on('data', (d: Buffer) => {
      log = (log + d.toString()).slice(-4000);
      if (ready.test(log)) {
        clearTimeout(timer);
        res(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`givre ${command} exited (${code}): ${log}`));
    });
  });
}

function kill(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null || child.pid === undefined)
    return Promise.resolve();
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  process.kill(child.pid, signal);
  return exited;
}

describe('ingest killed with SIGKILL under a 500 readings/s stream (issue 3 acceptance)', () => {
  let influxd: Influxd;
  let broker: ChildProcess | undefined;
  let ingest: ChildProcess | undefined;
  let publisher: MqttClient | undefined;
  let reader: ReadingStore;
  const dataDir = mkdtempSync(join(tmpdir(), 'givre-crash-'));
  let env: Record<string, string>;

  beforeAll(async () => {
    influxd = await startInfluxd();
    const mqttPort = await freePort();
    env = {
      GIVRE_MQTT_PORT: String(mqttPort),
      GIVRE_MQTT_URL: `mqtt://127.0.0.1:${mqttPort}`,
      GIVRE_HTTP_PORT: '0',
      GIVRE_DATA_DIR: dataDir,
      GIVRE_INFLUX_URL: influxd.url,
      GIVRE_INFLUX_DB: 'givre',
      GIVRE_LOG_LEVEL: 'info',
      // Issue 4: the broker admits the services with this credential and each van with its own.
      GIVRE_MQTT_USERNAME: 'givre-service',
      GIVRE_MQTT_PASSWORD: 'crash-test-service-secret-0123',
    };
    const stateDb = openStateDb(join(dataDir, 'state.db'));
    const secret = await issueDeviceSecret(createDeviceRepository(stateDb), 'VAN-CRASH', { mode: 'add' });
    stateDb.close();
    broker = await spawnGivre('broker', env, /MQTT listening/);
    ingest = await spawnGivre('ingest', env, /ingesting from/);
    publisher = await connectClient(env.GIVRE_MQTT_URL as string, 'VAN-CRASH', {
      username: 'VAN-CRASH',
      password: secret,
    });
    reader = await openInfluxReadingStore({
      url: influxd.url,
      database: 'givre',
      dataDir,
      readOnly: true,
      retention: '400d',
      spoolMaxBytes: 1024 * 1024,
      metrics: new MetricsRegistry(),
      logger: createLogger({ level: 'silent' }),
    });
  });

  afterAll(async () => {
    await publisher?.endAsync();
    await kill(ingest, 'SIGTERM');
    await kill(broker, 'SIGTERM');
    await reader?.close();
    await influxd?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no reading and doubles none', async () => {
    const client = publisher as MqttClient;
    const topic = vanTopic('VAN-CRASH', 'telemetry');
    // 50 readings every 100 ms, QoS 1: the broker keeps what ingest has not acknowledged.
    const stream = streamReadings(
      (readings) =>
        client.publishAsync(topic, JSON.stringify({ v: 1, van: 'VAN-CRASH', readings }), { qos: 1 }),
      { perMessage: 50, intervalMs: 100 },
    );
    await waitFor(async () => (await reader.count({ van: 'VAN-CRASH' })) >= 1_000, {
      what: 'readings stored',
    });

    await kill(ingest, 'SIGKILL');
    const sentAtKill = stream.sent;
    await waitFor(() => stream.sent >= sentAtKill + 1_500, { what: 'the stream to go on without ingest' });
    // Same data directory and client id: the spool is replayed, the broker redelivers the session.
    ingest = await spawnGivre('ingest', env, /ingesting from/);
    await waitFor(() => stream.sent >= sentAtKill + 3_000, { what: 'the stream to go on after the restart' });
    await stream.stop();

    await waitFor(async () => (await reader.count({ van: 'VAN-CRASH' })) >= stream.sent, {
      what: `all ${stream.sent} readings in InfluxDB`,
      timeoutMs: 30_000,
    });
    expect(await reader.count({ van: 'VAN-CRASH' })).toBe(stream.sent);
  }, 120_000);
});
