import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../test/harness/free-port.ts';
import { runGivre } from '../test/harness/givre.ts';
import { signIn, TEST_PASSWORD, type SignedInClient } from '../test/harness/people.ts';
import { storedReadings } from '../test/harness/stored-readings.ts';
import { processUsage, type ProcessUsage } from './measure-proc.ts';

/**
 * `givre device add` hashes each secret (scrypt, ~50 ms of CPU; over 1 s of wall time each
 * on a machine loaded 7× its cores): vans per command, commands at once, and how long one may take.
 */
const VANS_PER_COMMAND = 250;
const COMMANDS_AT_ONCE = 2;

/** `givre start` as an operator runs it, as one OS process of its own, on a fresh data directory. */
export interface GivreUnderTest {
  pid: number;
  mqttUrl: string;
  httpUrl: string;
  /** File `givre device add --credentials-file` wrote: van → secret. */
  credentialsFile: string;
  /** Issues credentials to more vans while it runs; resolves to their credentials file. */
  addVans(vans: readonly string[]): Promise<string>;
  /** Readings in its SQLite store (`givre.db`), counted read-only from this process. */
  stored(): number;
  usage(): ProcessUsage;
  /** `givre user add <name> --role coordinator`, then a sign-in like the browser's. */
  addCoordinator(name: string): Promise<SignedInClient>;
  /** Another sign-in (another session) of a user added before. */
  signIn(name: string): Promise<SignedInClient>;
  /** SIGTERM, wait for the exit, delete the data directory. */
  stop(): Promise<void>;
}

/**
 * Issues credentials to `vans` with the CLI, several commands at a time on one state store,
 * and merges their secrets into one file, `<name>.json` under `dir`.
 */
async function provision(
  vans: readonly string[],
  env: Record<string, string>,
  dir: string,
  name: string,
): Promise<string> {
  const chunks: string[][] = [];
  for (let i = 0; i < vans.length; i += VANS_PER_COMMAND) chunks.push(vans.slice(i, i + VANS_PER_COMMAND));
  const files: string[] = [];
  for (let i = 0; i < chunks.length; i += COMMANDS_AT_ONCE) {
    await Promise.all(
      chunks.slice(i, i + COMMANDS_AT_ONCE).map(async (chunk, j) => {
        const file = join(dir, `${name}-${i + j}.json`);
        const added = await runGivre(['device', 'add', ...chunk, '--credentials-file', file], env, 1_800_000);
        if (added.code !== 0) throw new Error(`givre device add: ${added.code} ${added.stderr}`);
        files.push(file);
      }),
    );
  }
  const merged = join(dir, `${name}.json`);
  const secrets = Object.assign({}, ...files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as object));
  writeFileSync(merged, JSON.stringify(secrets), { mode: 0o600 });
  return merged;
}

export async function startGivre(options: {
  vans: readonly string[];
  env?: Record<string, string>;
  log: (line: string) => void;
}): Promise<GivreUnderTest> {
  const dataDir = mkdtempSync(join(tmpdir(), 'givre-bench-'));
  const [mqttPort, httpPort] = [await freePort(), await freePort()];
  const env = {
    GIVRE_DATA_DIR: dataDir,
    GIVRE_MQTT_PORT: String(mqttPort),
    GIVRE_HTTP_PORT: String(httpPort),
    GIVRE_MQTT_PASSWORD: randomBytes(24).toString('base64url'),
    GIVRE_PUBLIC_URL: `http://127.0.0.1:${httpPort}`,
    GIVRE_LOG_LEVEL: 'warn',
    ...options.env,
  };
  let added = 0;
  const addVans = async (vans: readonly string[]) => {
    const began = Date.now();
    const file = await provision(vans, env, dataDir, `credentials-${++added}`);
    options.log(`${vans.length} vans provisioned with givre device add in ${Date.now() - began} ms`);
    return file;
  };
  const credentialsFile = await addVans(options.vans);

  const child = spawn(process.execPath, [resolve('bin/givre.js'), 'start'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (d: Buffer) => (errors = (errors + d.toString()).slice(-4000)));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const httpUrl = `http://127.0.0.1:${httpPort}`;
  for (const deadline = Date.now() + 60_000; ;) {
    if (child.exitCode !== null) throw new Error(`givre start exited ${child.exitCode}: ${errors}`);
    const ready = await fetch(`${httpUrl}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`givre start not ready after 60 s: ${errors}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const readings = storedReadings(dataDir);
  return {
    pid: child.pid as number,
    mqttUrl: `mqtt://127.0.0.1:${mqttPort}`,
    httpUrl,
    credentialsFile,
    addVans,
    stored: () => {
      try {
        return readings.count();
      } catch {
        return 0; // givre.db not created yet: nothing stored.
      }
    },
    usage: () => processUsage(child.pid as number),
    async addCoordinator(name) {
      const passwordFile = join(dataDir, `${name}-password.txt`);
      writeFileSync(passwordFile, TEST_PASSWORD);
      const added = await runGivre(
        ['user', 'add', name, '--role', 'coordinator', '--password-file', passwordFile],
        env,
      );
      if (added.code !== 0) throw new Error(`givre user add ${name}: ${added.code} ${added.stderr}`);
      return signIn(httpUrl, name);
    },
    signIn: (name) => signIn(httpUrl, name),
    async stop() {
      readings.close();
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
