import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway `influxd` (Debian package `influxdb`, 1.6.7) for integration tests: its own
 * temporary directory, free ports on 127.0.0.1, stopped by PID. `stop()` keeps the data
 * directory so that `start()` can bring the same database back on the same port (the
 * outage test); `destroy()` stops it and removes the directory.
 */
export interface Influxd {
  url: string;
  port: number;
  dataDir: string;
  readonly running: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Sends `signal` (SIGKILL: a crash) and waits for the process to end; the data stays for `start()`. */
  kill(signal: NodeJS.Signals): Promise<void>;
  destroy(): Promise<void>;
}

export interface InfluxdOptions {
  /** Turn on authentication; the harness then creates `admin` (all privileges) with password `admin`. */
  auth?: boolean;
  /** Longest wait for `/ping` at start-up, ms. */
  startTimeoutMs?: number;
}

const BINARY_CANDIDATES = ['/usr/bin/influxd', '/usr/sbin/influxd', '/usr/local/bin/influxd'];

/** The `influxd` binary, or throws one line saying what to install. */
export function requireInfluxd(): string {
  const fromPath = spawnSync('sh', ['-c', 'command -v influxd'], { encoding: 'utf8' }).stdout.trim();
  const found = fromPath || BINARY_CANDIDATES.find((p) => existsSync(p));
  if (!found) {
    throw new Error('influxd not found: install InfluxDB 1.x with `apt-get install -y influxdb` (Debian)');
  }
  return found;
}

export async function startInfluxd(options: InfluxdOptions = {}): Promise<Influxd> {
  const binary = requireInfluxd();
  const dataDir = mkdtempSync(join(tmpdir(), 'givre-influxd-'));
  const [port = 0, rpcPort = 0] = await freePorts(2);
  const configPath = join(dataDir, 'influxdb.conf');
  writeFileSync(configPath, configText(dataDir, port, rpcPort, options.auth ?? false));
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let stderrTail = '';

  const server: Influxd = {
    url,
    port,
    dataDir,
    get running() {
      return child !== null;
    },
    async start() {
      if (child) return;
      stderrTail = '';
      const proc = spawn(binary, ['-config', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
      proc.stderr?.on('data', (chunk: Buffer) => {
        stderrTail = (stderrTail + chunk.toString()).slice(-2000);
      });
      proc.once('exit', () => {
        if (child === proc) child = null;
      });
      child = proc;
      const deadline = Date.now() + (options.startTimeoutMs ?? 20_000);
      while (!(await pingOk(url))) {
        if (child !== proc) throw new Error(`influxd exited during start-up: ${stderrTail}`);
        if (Date.now() > deadline) throw new Error(`influxd did not answer /ping on ${url}: ${stderrTail}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      if (options.auth) await createAdmin(url);
    },
    async stop() {
      const proc = child;
      if (!proc || proc.pid === undefined) return;
      const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      process.kill(proc.pid, 'SIGTERM');
      const timer = setTimeout(() => proc.pid !== undefined && process.kill(proc.pid, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      child = null;
    },
    async kill(signal) {
      const proc = child;
      if (!proc || proc.pid === undefined) return;
      const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      process.kill(proc.pid, signal);
      await exited;
      child = null;
    },
    async destroy() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}

async function pingOk(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/ping`, { signal: AbortSignal.timeout(1000) });
    return res.status === 204;
  } catch {
    return false;
  }
}

/** With auth on, InfluxDB 1.x lets anyone create the first admin user, once. */
async function createAdmin(url: string): Promise<void> {
  const body = new URLSearchParams({ q: "CREATE USER admin WITH PASSWORD 'admin' WITH ALL PRIVILEGES" });
  const res = await fetch(`${url}/query`, {
    method: 'POST',
    body,
    headers: { authorization: basic('admin') },
  });
  if (!res.ok) throw new Error(`creating the admin user failed: ${res.status} ${await res.text()}`);
}

export function basic(user: string, password = user): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** Runs one InfluxQL statement as `admin` (auth on) or anonymously; returns the parsed JSON. */
export async function influxql(server: Influxd, q: string, db?: string): Promise<unknown> {
  const body = new URLSearchParams({ q, ...(db ? { db } : {}) });
  const res = await fetch(`${server.url}/query`, {
    method: 'POST',
    body,
    headers: { authorization: basic('admin') },
  });
  const json: unknown = await res.json();
  if (!res.ok) throw new Error(`${q}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** One van's `seq`s in a measurement, by sensor tag, in time order (each point once: InfluxDB keeps one per series and time). */
export async function influxSeqsBySensor(
  server: Influxd,
  db: string,
  measurement: string,
  van: string,
): Promise<Map<string, number[]>> {
  const json = (await influxql(
    server,
    `SELECT "seq" FROM "${measurement}" WHERE "van" = '${van}' GROUP BY "sensor"`,
    db,
  )) as {
    results: Array<{ series?: Array<{ tags: { sensor: string }; values: Array<[unknown, number]> }> }>;
  };
  return new Map(
    (json.results[0]?.series ?? []).map((s) => [s.tags.sensor, s.values.map(([, seq]) => seq)] as const),
  );
}

async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, () => {
      const s = createServer();
      return new Promise<typeof s>((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)));
    }),
  );
  const ports = servers.map((s) => {
    const address = s.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    return address.port;
  });
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

/** Everything off that a test does not need: monitor, UDP/Graphite/collectd listeners, reporting. */
function configText(dir: string, port: number, rpcPort: number, auth: boolean): string {
  return `reporting-disabled = true
bind-address = "127.0.0.1:${rpcPort}"
[meta]
  dir = "${join(dir, 'meta')}"
[data]
  dir = "${join(dir, 'data')}"
  wal-dir = "${join(dir, 'wal')}"
  query-log-enabled = false
  trace-logging-enabled = false
[monitor]
  store-enabled = false
[http]
  enabled = true
  bind-address = "127.0.0.1:${port}"
  auth-enabled = ${auth}
  log-enabled = false
  pprof-enabled = false
[logging]
  level = "warn"
[continuous_queries]
  enabled = false
[subscriber]
  enabled = false
[retention]
  enabled = true
`;
}
