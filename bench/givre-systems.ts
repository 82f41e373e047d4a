import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../test/harness/free-port.ts';
import { startInfluxd, type Influxd } from '../test/harness/influxd.ts';
import { startMosquitto, type Mosquitto } from '../test/harness/mosquitto.ts';
import { spawnGivre, waitReady } from '../test/harness/services.ts';
import { addDevices } from '../test/harness/split-deployment.ts';
import { influxCount, sqliteCount, type StoredCount } from './counting.ts';
import { pidListeningOn } from './process-stats.ts';
import type { SystemLauncher } from './system-under-test.ts';

/** Mosquitto as the README recommends running it for Givre: persistence, autosave 30 s, max_queued_messages 0. */
export const RECOMMENDED_MOSQUITTO = { persistent: { autosaveIntervalS: 30 } } as const;

/**
 * Stops a Mosquitto the bench throws away after one run: SIGKILL, so that a persistent one does
 * not first save to disk what it still held (the peer's backlog reached gigabytes once it fell behind).
 */
export async function discard(mosquitto: Mosquitto): Promise<void> {
  await mosquitto.kill();
  await mosquitto.stop();
}

/**
 * The InfluxDB database of one Givre configuration: its own, as its own installation would have,
 * since the bench vans' seqs start again from 1 in each configuration.
 */
const benchDatabase = (key: string) => key.replace(/-/g, '_');

/** What every Givre service of one installation shares (README, "Running each service alone"). */
function installation(dataDir: string, more: Record<string, string>): Record<string, string> {
  return {
    GIVRE_DATA_DIR: dataDir,
    GIVRE_BIND_HOST: '127.0.0.1',
    GIVRE_ALLOWED_HOSTS: 'localhost',
    GIVRE_LOG_LEVEL: 'warn',
    GIVRE_MQTT_PASSWORD: randomBytes(24).toString('base64url'),
    ...more,
  };
}

/** A `givre` command as an OS process, ready (`/readyz` 200); its PID found by its HTTP port. */
async function startGivre(command: 'start' | 'ingest', env: Record<string, string>) {
  const httpPort = await freePort();
  const service = spawnGivre(`givre ${command}`, [command], { ...env, GIVRE_HTTP_PORT: String(httpPort) });
  try {
    await waitReady(`http://127.0.0.1:${httpPort}`, service, 60_000);
  } catch (err) {
    await service.kill('SIGKILL');
    throw err;
  }
  return { service, pid: pidListeningOn(httpPort) };
}

/** Where a configuration stores (SQLite under its data directory, or its InfluxDB database) and how that store counts. */
function storeOf(
  dataDir: string,
  influxd: Influxd | undefined,
  key: string,
): { env: Record<string, string>; count: StoredCount; close(): void } {
  if (!influxd) {
    const count = sqliteCount(dataDir);
    return { env: {}, count, close: count.close };
  }
  return {
    env: { GIVRE_INFLUX_URL: influxd.url, GIVRE_INFLUX_DB: benchDatabase(key) },
    count: influxCount(influxd, benchDatabase(key)),
    close: () => undefined,
  };
}

/** `givre start`: embedded aedes broker, ingest and dashboard in one process; vans sign in with the secrets `givre device add` issued. */
export function givreStart(influx?: 'influx'): SystemLauncher {
  return async (vans) => {
    const influxd = influx ? await startInfluxd() : undefined;
    const dataDir = mkdtempSync(join(tmpdir(), 'givre-bench-'));
    const mqttPort = await freePort();
    const key = influxd ? 'givre-start-influx' : 'givre-start-sqlite';
    const store = storeOf(dataDir, influxd, key);
    const env = installation(dataDir, { GIVRE_MQTT_PORT: String(mqttPort), ...store.env });
    const { secrets } = await addDevices(env, vans);
    const givre = await startGivre('start', env);
    const processes = [{ name: 'givre start', pid: givre.pid }];
    if (influxd) processes.push({ name: 'influxd', pid: pidListeningOn(influxd.port) });
    return {
      key,
      label: `Givre: givre start (embedded aedes) → ${influxd ? 'InfluxDB' : 'SQLite'}`,
      group: 'givre',
      load: { kind: 'mqtt', url: `mqtt://127.0.0.1:${mqttPort}`, secrets },
      count: store.count,
      processes,
      async stop() {
        store.close();
        await givre.service.kill('SIGTERM');
        await influxd?.destroy();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  };
}

/** Mosquitto (README's recommended configuration) → `givre ingest` → SQLite or InfluxDB, each an OS process. */
export function givreIngestOnMosquitto(influx?: 'influx'): SystemLauncher {
  return async () => {
    const influxd = influx ? await startInfluxd() : undefined;
    const dataDir = mkdtempSync(join(tmpdir(), 'givre-bench-'));
    const mosquitto = await startMosquitto(RECOMMENDED_MOSQUITTO);
    const key = influxd ? 'givre-ingest-mosquitto-influx' : 'givre-ingest-mosquitto-sqlite';
    const store = storeOf(dataDir, influxd, key);
    const ingest = await startGivre(
      'ingest',
      installation(dataDir, { GIVRE_MQTT_URL: mosquitto.url, ...store.env }),
    );
    const processes = [
      { name: 'mosquitto', pid: pidListeningOn(mosquitto.port) },
      { name: 'givre ingest', pid: ingest.pid },
    ];
    if (influxd) processes.push({ name: 'influxd', pid: pidListeningOn(influxd.port) });
    return {
      key,
      label: `Givre: Mosquitto (max_queued_messages 0) → givre ingest → ${influxd ? 'InfluxDB' : 'SQLite'}`,
      group: 'givre',
      load: { kind: 'mqtt', url: mosquitto.url },
      count: store.count,
      processes,
      async stop() {
        store.close();
        await ingest.service.kill('SIGTERM');
        await discard(mosquitto);
        await influxd?.destroy();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  };
}
