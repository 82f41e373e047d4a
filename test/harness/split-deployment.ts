import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port.ts';
import { runGivre } from './givre.ts';
import { spawnGivre, waitReady, type ServiceExit, type ServiceProcess } from './services.ts';

/** The services' MQTT username (GIVRE_MQTT_USERNAME's default). */
export const SERVICE_USERNAME = 'givre-service';

/**
 * The GIVRE_* every service of one installation shares when they run apart (issue 9): one
 * data directory, loopback only, the host name the dashboard is reached by, and a fresh
 * service credential (a broker that asks for none, such as the harness's Mosquitto, ignores it).
 */
export function splitEnv(dataDir: string, more: Record<string, string> = {}): Record<string, string> {
  return {
    GIVRE_DATA_DIR: dataDir,
    GIVRE_BIND_HOST: '127.0.0.1',
    // Outside the demo the dashboard is told the names it is reached by (issue 11, 6).
    GIVRE_ALLOWED_HOSTS: 'localhost',
    GIVRE_LOG_LEVEL: 'warn',
    GIVRE_MQTT_USERNAME: SERVICE_USERNAME,
    GIVRE_MQTT_PASSWORD: randomBytes(24).toString('base64url'),
    ...more,
  };
}

/**
 * Records the vans with `givre device add … --credentials-file`, as an operator provisions
 * them: returns each van's secret, and the file `givre sim --credentials` takes.
 */
export async function addDevices(
  env: Record<string, string>,
  vans: readonly string[],
): Promise<{ secrets: Record<string, string>; file: string }> {
  const file = join(env.GIVRE_DATA_DIR!, `devices-${vans.join('-')}.json`);
  const added = await runGivre(['device', 'add', ...vans, '--credentials-file', file], env);
  if (added.code !== 0) throw new Error(`givre device add ${vans.join(' ')}: ${added.code} ${added.stderr}`);
  return { secrets: JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>, file };
}

export type ServiceName = 'broker' | 'ingest' | 'dashboard';

/**
 * `givre broker`, `givre ingest` and `givre dashboard` as separate OS processes, each on an
 * HTTP port of its own kept across restarts (health, metrics, the dashboard's pages).
 */
export interface SplitServices {
  /** `http://127.0.0.1:{port}` of a service. */
  url(name: ServiceName): string;
  /** The running process of a service (the last one started). */
  process(name: ServiceName): ServiceProcess;
  /** Starts a service (again) with the installation's env and waits for its `/readyz`. */
  start(name: ServiceName, more?: Record<string, string>): Promise<ServiceProcess>;
  /** Signals a service and waits for it to end. */
  kill(name: ServiceName, signal: NodeJS.Signals): Promise<ServiceExit>;
  /** SIGTERM to every service still running, the last started first. */
  stopAll(): Promise<void>;
}

/**
 * Ports for the services of one installation. With `givre broker` among them, GIVRE_MQTT_PORT
 * and GIVRE_MQTT_URL are set in `env` to the broker's (else give GIVRE_MQTT_URL, e.g. Mosquitto's).
 */
export async function splitServices(
  env: Record<string, string>,
  names: readonly ServiceName[],
): Promise<SplitServices> {
  const ports = new Map<ServiceName, number>();
  for (const name of names) ports.set(name, await freePort());
  if (names.includes('broker')) {
    const mqttPort = await freePort();
    env.GIVRE_MQTT_PORT = String(mqttPort);
    env.GIVRE_MQTT_URL = `mqtt://127.0.0.1:${mqttPort}`;
  }
  const running = new Map<ServiceName, ServiceProcess>();
  const url = (name: ServiceName) => `http://127.0.0.1:${ports.get(name)!}`;
  const processOf = (name: ServiceName) => {
    const service = running.get(name);
    if (!service) throw new Error(`${name} was never started`);
    return service;
  };
  return {
    url,
    process: processOf,
    async start(name, more = {}) {
      const service = spawnGivre(name, [name], {
        ...env,
        ...more,
        GIVRE_HTTP_PORT: String(ports.get(name)!),
      });
      running.delete(name);
      running.set(name, service);
      await waitReady(url(name), service);
      return service;
    },
    kill: (name, signal) => processOf(name).kill(signal),
    async stopAll() {
      for (const service of [...running.values()].reverse()) await service.kill('SIGTERM');
    },
  };
}
