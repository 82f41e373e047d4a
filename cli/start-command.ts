import { parseArgs } from 'node:util';
import { loadConfig } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { startSystem, type DemoCredentials, type SimulationOptions } from './givre-system.ts';
import { onShutdown } from '../platform/shutdown.ts';
import { UsageError } from '../platform/usage-error.ts';

const HELP = `Usage: givre start [--simulate [N]] [--speed X] [--interval S] [--seed S] [--scenario VAN=NOM]

Démarre Givre dans un seul processus : broker MQTT embarqué, ingestion (SQLite sous
GIVRE_DATA_DIR, ou InfluxDB si GIVRE_INFLUX_URL), tableau de bord sur GIVRE_HTTP_PORT.
Starts Givre in one process: embedded MQTT broker, ingest, dashboard.

  --simulate [N]      N camionnettes simulées (4 sans N) / N simulated vans (4 if no N)
  --speed X           accélération du temps simulé (1) / simulated time acceleration
  --interval S        intervalle d'enregistrement, secondes (30, max 300) / recording interval
  --seed S            graine des simulations (1) / simulation seed
  --scenario VAN=NOM  normal | reefer-failure | door-left-open | sensor-dropout | network-outage`;

/** `--simulate` takes an optional count: `--simulate`, `--simulate 6`. */
function normaliseSimulate(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--simulate') {
      const next = argv[i + 1];
      if (next !== undefined && /^\d+$/.test(next)) {
        out.push(`--simulate=${next}`);
        i++;
      } else out.push('--simulate=4');
    } else out.push(arg);
  }
  return out;
}

function number(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new UsageError(`--${name} ${JSON.stringify(raw)}: expected a number from ${min} to ${max}`);
  }
  return value;
}

export function parseStartArgs(argv: string[]): { help: boolean; simulate?: SimulationOptions } {
  let values;
  try {
    ({ values } = parseArgs({
      args: normaliseSimulate(argv),
      options: {
        simulate: { type: 'string' },
        speed: { type: 'string' },
        interval: { type: 'string' },
        seed: { type: 'string' },
        scenario: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) return { help: true };
  if (values.simulate === undefined) {
    if (values.speed || values.interval || values.seed || values.scenario) {
      throw new UsageError('--speed, --interval, --seed and --scenario go with --simulate');
    }
    return { help: false };
  }
  const scenarios: Record<string, string> = {};
  for (const s of values.scenario ?? []) {
    const match = /^([A-Za-z0-9_-]+)=([a-z-]+)$/.exec(s);
    if (!match)
      throw new UsageError(
        `--scenario ${JSON.stringify(s)}: expected VAN=scenario, e.g. VAN-02=reefer-failure`,
      );
    scenarios[match[1] as string] = match[2] as string;
  }
  return {
    help: false,
    simulate: {
      vans: number('simulate', values.simulate, 4, 0, 500),
      speed: number('speed', values.speed, 1, 0.01, 10_000),
      intervalS: number('interval', values.interval, 30, 1, 300),
      seed: number('seed', values.seed, 1, 0, 2 ** 32 - 1),
      scenarios,
    },
  };
}

/** Issue 4: the demo shows the credentials it issued, once; they are valid until the next start. */
function demoCredentialLines(credentials: DemoCredentials): string[] {
  return [
    'Démo : identifiants émis pour cette exécution / demo credentials issued for this run:',
    `  service (GIVRE_MQTT_USERNAME / GIVRE_MQTT_PASSWORD) : ${credentials.service.username} ${credentials.service.password}`,
    ...Object.values(credentials.vans).map((c) => `  ${c.username.padEnd(10)} ${c.password}`),
    ...(credentials.users.length > 0
      ? [
          'Démo : utilisateurs du tableau de bord / dashboard users:',
          ...credentials.users.map(
            (u) => `  ${u.username.padEnd(13)} ${u.password}  (${u.role}${u.scope ? ` ${u.scope}` : ''})`,
          ),
        ]
      : []),
  ];
}

/**
 * Issue 4: no default user exists, so nothing weak to refuse; but a dashboard nobody can
 * sign in to is a set-up step missing, so say how to take it (the start itself goes on:
 * the broker and ingest are useful before anyone signs in).
 */
function noAdminLines(system: { auth: { users: { countActiveAdmins(): number } } | undefined }): string[] {
  if (!system.auth || system.auth.users.countActiveAdmins() > 0) return [];
  return [
    'Aucun administrateur : personne ne peut se connecter au tableau de bord. Créez-en un :',
    'No administrator: nobody can sign in to the dashboard. Create one:',
    '  npx givre user add admin --role admin',
  ];
}

export async function runStart(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const args = parseStartArgs(argv);
  if (args.help) {
    console.log(HELP);
    return;
  }
  const config = loadConfig(env);
  const logger = createLogger({ level: config.GIVRE_LOG_LEVEL });
  const system = await startSystem({ config, logger, ...(args.simulate ? { simulate: args.simulate } : {}) });
  const host = config.GIVRE_BIND_HOST === '0.0.0.0' ? 'localhost' : config.GIVRE_BIND_HOST;
  console.log(
    [
      'Givre a démarré / Givre is running',
      `  tableau de bord / dashboard : ${system.mqttsPort !== null ? 'https' : 'http'}://${host}:${system.httpPort}`,
      `  broker MQTT                 : ${system.mqttUrl}`,
      system.mqttsPort !== null ? `  broker MQTT (TLS)           : mqtts://${host}:${system.mqttsPort}` : '',
      `  données / data              : ${config.GIVRE_DATA_DIR}`,
      args.simulate ? `  camionnettes simulées / simulated vans : ${args.simulate.vans}` : '',
      ...(system.demoCredentials ? demoCredentialLines(system.demoCredentials) : []),
      ...noAdminLines(system),
      'Ctrl+C pour arrêter / to stop',
    ]
      .filter(Boolean)
      .join('\n'),
  );
  onShutdown(() => system.stop(), logger);
}
