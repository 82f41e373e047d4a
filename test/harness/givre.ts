import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSystem, type RunningSystem, type SimulationOptions } from '../../cli/givre-system.ts';
import { seedDemoAssociations } from '../../dashboard/associations/demo-associations.ts';
import { createAssociationRepository } from '../../state/association-repository.ts';
import { loadConfig } from '../../platform/config.ts';
import { createLogger } from '../../platform/logger.ts';

export interface TestSystem extends RunningSystem {
  dataDir: string;
  baseUrl: string;
  /** `GET /metrics` parsed into `name{labels}` → value. */
  scrape(): Promise<Map<string, number>>;
}

/**
 * Starts the whole of Givre in this process on free ports (port 0) with a throwaway data
 * directory, exactly as `givre start` wires it — except that the broker is open to anonymous
 * clients unless `access: 'devices'`, and the dashboard has no users unless `auth: 'users'`
 * (issue 4's tests), so that tests of other features need no credentials. With `devices`, GIVRE_MQTT_PASSWORD is a fresh secret unless given.
 * The demo's associations are recorded (`resto-du-coeur-mons` …), as `givre start --simulate` does.
 */
export async function startTestSystem(
  options: {
    /** GIVRE_* variables; `undefined` leaves one unset (GIVRE_ALLOWED_HOSTS, set by default). */
    env?: Record<string, string | undefined>;
    simulate?: SimulationOptions;
    embeddedBroker?: boolean;
    access?: 'devices' | 'open';
    /** `users`: the dashboard enforces sign-in, CSRF and authorization (issue 4's tests). */
    auth?: 'users' | 'open';
    /** Collects every log line (at `info` and above) here instead of discarding them. */
    logTo?: string[];
  } = {},
): Promise<TestSystem> {
  const dataDir = mkdtempSync(join(tmpdir(), 'givre-test-'));
  const config = loadConfig({
    GIVRE_MQTT_PORT: '0',
    GIVRE_HTTP_PORT: '0',
    GIVRE_DATA_DIR: dataDir,
    GIVRE_LOG_LEVEL: process.env.GIVRE_TEST_LOG_LEVEL ?? 'silent',
    // A delivery whose last records never come waits 1 s, not 5, before its provisional certificate.
    GIVRE_CERTIFICATE_TAIL_WAIT_S: '1',
    // Outside the demo the dashboard must be told the names it is reached by (issue 11, 6).
    GIVRE_ALLOWED_HOSTS: 'localhost',
    ...(options.access === 'devices' ? { GIVRE_MQTT_PASSWORD: randomBytes(24).toString('base64url') } : {}),
    ...options.env,
  });
  const system = await startSystem({
    config,
    logger: options.logTo
      ? createLogger({ level: 'info', write: (line) => void options.logTo!.push(line) })
      : createLogger({ level: config.GIVRE_LOG_LEVEL }),
    ...(options.simulate ? { simulate: options.simulate } : {}),
    ...(options.embeddedBroker === false ? { embeddedBroker: false } : {}),
    access: options.access ?? 'open',
    auth: options.auth ?? 'open',
  });
  // Loads must name a recorded association (issue 12): tests address theirs to the demo's.
  seedDemoAssociations(createAssociationRepository(system.stateDb), Date.now());
  const baseUrl = `http://127.0.0.1:${system.httpPort}`;
  return {
    ...system,
    dataDir,
    baseUrl,
    scrape: () => scrapeMetrics(baseUrl),
    async stop() {
      await system.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function scrapeMetrics(baseUrl: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    values.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return values;
}

/** Runs the `givre` command as a user would, capturing its output. */
export function runGivre(
  args: string[],
  env: Record<string, string | undefined> = {},
  timeoutMs = 30_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [resolve('bin/givre.js'), ...args], {
      env: withEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`givre ${args.join(' ')} did not exit within ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

/** This process's environment with `changes` applied; `undefined` unsets a variable (an empty one is an error). */
export function withEnv(changes: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env = { ...process.env, ...changes };
  for (const [key, value] of Object.entries(changes)) if (value === undefined) delete env[key];
  return env;
}
