import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fleetVanIds } from '../firmware-sim/fleet.ts';
import { parseSimArgs } from '../firmware-sim/sim-args.ts';
import { CONFIG_VARIABLES, loadConfig } from '../platform/config.ts';
import { wantsHelp } from '../platform/service-args.ts';

// Docker is not run here (there is no engine on our machines, issue 9): the Dockerfile and the
// compose file are checked as files, and bin/healthcheck.js, which the image runs, for real.

const run = promisify(execFile);

type Volume = string | { type?: string; source?: string; target?: string; read_only?: boolean };

interface Service {
  image?: string;
  build?: string | { context?: string };
  command?: string[] | string;
  environment?: Record<string, string | number | boolean | null> | string[];
  volumes?: Volume[];
  restart?: string;
  init?: boolean;
  profiles?: string[];
  healthcheck?: { test?: string[] | string; disable?: boolean };
  depends_on?: string[] | Record<string, { condition?: string }>;
}

/** A service's environment as a map, whichever of the two compose forms it uses. */
function environmentOf(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  const entries = Array.isArray(env)
    ? env.map((e) => [
        e.slice(0, e.indexOf('=') === -1 ? e.length : e.indexOf('=')),
        e.slice(e.indexOf('=') + 1),
      ])
    : // `NAME:` without a value: compose passes NAME on from its own environment, else leaves it unset.
      Object.entries(env)
        .filter(([, v]) => v !== null)
        .map(([k, v]) => [k, String(v)]);
  return Object.fromEntries(entries);
}

/** `${NAME:-default}` as `docker compose` would expand it with NAME unset. */
function interpolate(value: string): string {
  return value.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');
}

/** A volume entry, short (`source:target[:mode]`) or long form, as source and target. */
function mountOf(volume: Volume): { source: string; target: string; type: string } {
  if (typeof volume !== 'string') {
    return { source: volume.source ?? '', target: volume.target ?? '', type: volume.type ?? 'volume' };
  }
  const [source = '', target = ''] = volume.split(':');
  // Compose reads a source starting with `.`, `/`, `~` or `$` as a path on the host.
  return { source, target, type: /^[./~$]/.test(source) ? 'bind' : 'volume' };
}

/** The CLI's commands, as `givre --help` lists them (cli/main.ts's command table). */
async function cliCommands(): Promise<string[]> {
  const { stdout } = await run(process.execPath, ['bin/givre.js', '--help']);
  return [...stdout.matchAll(/^ {2}([a-z]+) {2,}/gm)].map((m) => m[1]!);
}

const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
};
const service = (name: string): Service => compose.services[name] ?? {};
/** Every service the Givre image runs; the rest (InfluxDB) are other projects' images. */
const GIVRE = ['broker', 'ingest', 'dashboard', 'sim'];
/** The services that share one state store and answer /readyz, with the HTTP port each serves. */
const SERVING = { broker: '8082', ingest: '8081', dashboard: '8080' } as const;

describe('docker-compose.yml (issue 9: docker is not run here, the file is checked)', () => {
  it('runs Givre from the image the Dockerfile builds, beside InfluxDB 1.x', () => {
    expect(Object.keys(compose.services).sort()).toEqual([...GIVRE, 'influxdb'].sort());
    expect(service('influxdb').image).toMatch(/^influxdb:1\./);
    for (const name of GIVRE) {
      const s = service(name);
      expect(s.image, name).toBe('givre:latest');
      expect(typeof s.build === 'string' ? s.build : s.build?.context, name).toBe('.');
    }
  });

  it('mounts nothing from the host: no checkout, no node_modules, only named volumes', () => {
    for (const [name, s] of Object.entries(compose.services)) {
      for (const volume of s.volumes ?? []) {
        const mount = mountOf(volume);
        expect(mount.type, `${name}: ${JSON.stringify(volume)}`).toBe('volume');
        expect(Object.keys(compose.volumes ?? {}), `${name}: ${mount.source} is declared`).toContain(
          mount.source,
        );
      }
    }
  });

  it('gives the broker, ingest and the dashboard one shared volume at /data, their GIVRE_DATA_DIR', () => {
    const sources = new Set<string>();
    for (const name of Object.keys(SERVING)) {
      const mounts = (service(name).volumes ?? []).map(mountOf);
      expect(
        mounts.map((m) => m.target),
        name,
      ).toEqual(['/data']);
      sources.add(mounts[0]!.source);
      expect(environmentOf(service(name)).GIVRE_DATA_DIR ?? '/data', name).toBe('/data');
    }
    expect(sources.size).toBe(1);
    // The simulator reads its vans' secrets from the same volume, and writes nothing there.
    expect(service('sim').volumes).toEqual([`${[...sources][0]}:/data:ro`]);
  });

  it('checks /readyz on each service’s own port, and declares that the simulator has none', () => {
    const dockerfile = readFileSync('Dockerfile', 'utf8');
    expect(dockerfile).toMatch(/HEALTHCHECK[^\n]*(\\\n[^\n]*)*"bin\/healthcheck\.js"/);
    for (const [name, port] of Object.entries(SERVING)) {
      const check = service(name).healthcheck;
      expect(check?.disable, name).toBeFalsy();
      expect(check?.test, name).toEqual(['CMD', 'node', 'bin/healthcheck.js']);
      expect(environmentOf(service(name)).GIVRE_HTTP_PORT, name).toBe(port);
    }
    // Without this the image's check would be inherited and mark a healthy simulator unhealthy.
    expect(service('sim').healthcheck).toEqual({ disable: true });
    expect(service('influxdb').healthcheck?.test).toBeDefined();
  });

  it('restarts every Givre service unless stopped, under an init that forwards signals', () => {
    for (const name of GIVRE) {
      expect(service(name).restart, name).toBe('unless-stopped');
      expect(service(name).init, name).toBe(true);
    }
  });

  it('starts the simulator only with the demo profile, everything else by default', () => {
    expect(service('sim').profiles).toEqual(['demo']);
    for (const name of [...Object.keys(SERVING), 'influxdb'])
      expect(service(name).profiles, name).toBeUndefined();
  });

  it('starts each service once what it needs is healthy', () => {
    const waitsFor = (name: string) => service(name).depends_on as Record<string, { condition?: string }>;
    const healthy = { condition: 'service_healthy' };
    expect(waitsFor('broker')).toBeUndefined();
    expect(waitsFor('ingest')).toEqual({ broker: healthy, influxdb: healthy });
    expect(waitsFor('dashboard')).toEqual({ broker: healthy, influxdb: healthy });
    expect(waitsFor('sim')).toEqual({ broker: healthy });
  });

  it('sets only GIVRE_* variables the configuration schema knows, with values it accepts', () => {
    for (const name of GIVRE) {
      const env = environmentOf(service(name));
      const unknown = Object.keys(env).filter((k) => k.startsWith('GIVRE_') && !CONFIG_VARIABLES.includes(k));
      expect(unknown, `unknown variables in ${name}`).toEqual([]);
      const expanded = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, interpolate(v)]));
      expect(() => loadConfig(expanded), `configuration of ${name}`).not.toThrow();
    }
  });

  it('takes every secret from the environment of docker compose, never from the file', () => {
    const secretish = /(PASSWORD|SECRET|TOKEN)$/;
    let secrets = 0;
    for (const [name, s] of Object.entries(compose.services)) {
      for (const [key, value] of Object.entries(environmentOf(s))) {
        if (!secretish.test(key)) continue;
        secrets++;
        expect(value, `${name} ${key}`).toMatch(/^\$\{[A-Z0-9_]+(:?[-?][^}]*)?\}$/);
      }
      const args = Array.isArray(s.command) ? s.command : [s.command ?? ''];
      expect(args.join(' '), `${name} command`).not.toMatch(/--password/);
    }
    expect(secrets).toBeGreaterThan(0);
    // The service credential is required: compose refuses to start without it, rather than run open.
    expect(environmentOf(service('broker')).GIVRE_MQTT_PASSWORD).toMatch(/^\$\{GIVRE_MQTT_PASSWORD:\?/);
  });

  it('points ingest and the dashboard at the broker and InfluxDB by service name', () => {
    for (const name of ['ingest', 'dashboard']) {
      const env = environmentOf(service(name));
      expect(env.GIVRE_INFLUX_URL).toBe('http://influxdb:8086');
      expect(env.GIVRE_MQTT_URL).toBe('mqtt://broker:1883');
    }
  });

  describe('each service runs a command the CLI accepts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'givre-compose-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('names one of givre’s commands, as an exec-form array', async () => {
      const commands = await cliCommands();
      expect(commands).toEqual(expect.arrayContaining(['start', 'broker', 'ingest', 'dashboard', 'sim']));
      for (const name of GIVRE) {
        const command = service(name).command;
        expect(Array.isArray(command), name).toBe(true);
        expect(commands, name).toContain((command as string[])[0]);
      }
      expect(service('broker').command).toEqual(['broker']);
      expect(service('ingest').command).toEqual(['ingest']);
      expect(service('dashboard').command).toEqual(['dashboard']);
    });

    it('gives the services no option they would refuse', () => {
      for (const name of Object.keys(SERVING)) {
        const [, ...rest] = service(name).command as string[];
        expect(wantsHelp(rest), name).toBe(false);
      }
    });

    it('runs the simulator against the broker with one credential per van from the volume', () => {
      const [, ...args] = service('sim').command as string[];
      const at = args.indexOf('--credentials');
      expect(args[at + 1]).toBe('/data/sim-credentials.json');
      // The file the README's steps put in the volume, here in a temporary directory.
      const vans = Number(args[args.indexOf('--vans') + 1]);
      const file = join(dir, 'sim-credentials.json');
      writeFileSync(file, JSON.stringify(Object.fromEntries(fleetVanIds(vans).map((v) => [v, `s-${v}`]))));
      const parsed = parseSimArgs(args.map((a, i) => (i === at + 1 ? file : a)));
      expect(parsed.url).toBe('mqtt://broker:1883');
      expect(parsed.credentials?.['VAN-01']).toEqual({ username: 'VAN-01', password: 's-VAN-01' });
    });
  });
});

/** The Dockerfile as instructions: continuation lines joined, comments dropped, split by stage. */
function dockerStages(text: string): { from: string; name?: string; steps: [string, string][] }[] {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const stages: { from: string; name?: string; steps: [string, string][] }[] = [];
  for (const line of lines) {
    const [, instruction = '', args = ''] = /^(\S+)\s+(.*)$/.exec(line) ?? [];
    if (instruction.toUpperCase() === 'FROM') {
      const [from = '', as, name] = args.split(/\s+/);
      stages.push({ from, ...(as?.toUpperCase() === 'AS' && name ? { name } : {}), steps: [] });
    } else {
      stages.at(-1)?.steps.push([instruction.toUpperCase(), args.replace(/\s+/g, ' ')]);
    }
  }
  return stages;
}

describe('Dockerfile (issue 9: checked as a file)', () => {
  const stages = dockerStages(readFileSync('Dockerfile', 'utf8'));
  const final = stages.at(-1)!;
  const build = stages.find(
    (s) => s.name !== undefined && final.steps.some(([, a]) => a.includes(`--from=${s.name}`)),
  );
  const args = (stage: { steps: [string, string][] }, instruction: string) =>
    stage.steps.filter(([i]) => i === instruction).map(([, a]) => a);

  it('builds in one stage and runs from another, both on a Node LTS slim image', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) {
      const match = /^node:(\d+)-[a-z]+-slim$/.exec(stage.from);
      expect(match, stage.from).not.toBeNull();
      // Even majors are the LTS lines; 20 leaves maintenance in April 2026.
      const major = Number(match![1]);
      expect(major % 2, stage.from).toBe(0);
      expect(major, stage.from).toBeGreaterThanOrEqual(22);
    }
    expect(build, 'a named stage the final one copies from').toBeDefined();
  });

  it('installs with npm ci without dev dependencies, then builds the web bundles', () => {
    const runs = args(build!, 'RUN');
    const install = runs.findIndex((r) => /\bnpm ci\b/.test(r));
    expect(install, 'npm ci').toBeGreaterThanOrEqual(0);
    const omitsDev = (r: string) => /\bnpm (ci|prune)\b[^&;]*--omit=dev/.test(r);
    expect(runs.some(omitsDev), 'npm ci --omit=dev or npm prune --omit=dev').toBe(true);
    const bundles = runs.findIndex((r) => /npm run build:web|scripts\/build-web\.ts/.test(r));
    expect(bundles, 'the web bundles are built in the image').toBeGreaterThan(install);
    // The script the Dockerfile runs is the one package.json names.
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['build:web']).toContain('scripts/build-web.ts');
    // Compilers for better-sqlite3 stay in the build stage.
    expect(args(final, 'RUN').join('\n')).not.toMatch(/g\+\+|python3|\bmake\b|npm (ci|install)/);
    expect(args(final, 'COPY').some((c) => c.includes(`--from=${build!.name}`))).toBe(true);
  });

  it('keeps the bundles, the sources and the lock file in the build context', () => {
    const ignored = readFileSync('.dockerignore', 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.git', 'dist', 'data']));
    for (const needed of ['bin', 'scripts', 'dashboard', 'package.json', 'package-lock.json']) {
      expect(ignored, needed).not.toContain(needed);
    }
  });

  it('runs bin/givre.js as a user other than root, with its state on the /data volume', () => {
    const users = args(final, 'USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    expect(args(final, 'WORKDIR').at(-1)).toBe('/app');
    expect(args(final, 'ENTRYPOINT')).toEqual(['["node", "bin/givre.js"]']);
    expect(args(final, 'CMD')).toEqual(['["start"]']);
    expect(args(final, 'VOLUME').join(' ')).toContain('/data');
    const env = args(final, 'ENV').join(' ');
    expect(env).toMatch(/\bGIVRE_DATA_DIR=\/data\b/);
    // The dashboard serves the bundles built into the image only in production (web-bundle.ts).
    expect(env).toMatch(/\bNODE_ENV=production\b/);
    for (const [, variable] of env.matchAll(/\b(GIVRE_[A-Z0-9_]+)=/g)) {
      expect(CONFIG_VARIABLES, variable).toContain(variable);
    }
  });

  it('checks health with node and bin/healthcheck.js, which asks /readyz', () => {
    const checks = args(final, 'HEALTHCHECK');
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatch(/CMD \["node", "bin\/healthcheck\.js"\]$/);
    expect(readFileSync('bin/healthcheck.js', 'utf8')).toContain("'/readyz'");
  });
});

describe('bin/healthcheck.js (the image’s health check, run for real)', () => {
  let status = 200;
  let answer = true;
  const paths: string[] = [];
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = createServer((req, res) => {
      paths.push(req.url ?? '');
      if (!answer) return; // holds the request open, as a wedged service would
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  afterEach(() => {
    status = 200;
    answer = true;
  });

  /** Runs the script as the container would, with this service's GIVRE_HTTP_PORT. */
  async function probe(httpPort: number | string): Promise<number> {
    const env: NodeJS.ProcessEnv = { ...process.env, GIVRE_HTTP_PORT: String(httpPort) };
    delete env.GIVRE_BIND_HOST;
    try {
      await run(process.execPath, ['bin/healthcheck.js'], { env });
      return 0;
    } catch (err) {
      return (err as { code?: number }).code ?? -1;
    }
  }

  it('exits 0 when /readyz answers 200', async () => {
    expect(await probe(port)).toBe(0);
    expect(paths.at(-1)).toBe('/readyz');
  });

  it('exits 1 when /readyz answers 503 (not ready)', async () => {
    status = 503;
    expect(await probe(port)).toBe(1);
  });

  it('exits 1 when nothing listens on the port', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const free = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await probe(free)).toBe(1);
  });

  it('exits 1 within about 3 s when the service never answers', async () => {
    answer = false;
    const started = Date.now();
    expect(await probe(port)).toBe(1);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('exits 1 on a GIVRE_HTTP_PORT that is not a port', async () => {
    expect(await probe('eighty')).toBe(1);
  });
});
