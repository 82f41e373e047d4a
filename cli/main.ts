// The `givre` command: one composition root per service, chosen by the first argument.
import { GivreError } from '../platform/errors.ts';
import { UsageError } from '../platform/usage-error.ts';

type Command = { summary: string; run: (argv: string[], env: NodeJS.ProcessEnv) => Promise<void> };

const COMMANDS: Record<string, Command> = {
  start: {
    summary: 'tout en un : broker + ingest + tableau de bord (+ camionnettes simulées) / all in one',
    run: async (argv, env) => (await import('./start-command.ts')).runStart(argv, env),
  },
  broker: {
    summary: 'le broker MQTT seul / the MQTT broker alone',
    run: async (argv, env) => (await import('../broker/main.ts')).runBroker(argv, env),
  },
  ingest: {
    summary: 'l’ingestion seule, vers un broker existant / ingest alone, against a broker',
    run: async (argv, env) => (await import('../ingest/main.ts')).runIngest(argv, env),
  },
  dashboard: {
    summary: 'le tableau de bord seul / the dashboard alone',
    run: async (argv, env) => (await import('../dashboard/main.ts')).runDashboard(argv, env),
  },
  sim: {
    summary: 'des camionnettes simulées vers un broker MQTT / simulated vans against a broker',
    run: async (argv, env) => (await import('../firmware-sim/main.ts')).runSim(argv, env),
  },
  verify: {
    summary: 'vérifier un certificat signé, hors ligne / check a signed certificate offline',
    run: async (argv, env) => (await import('./verify-command.ts')).runVerify(argv, env),
  },
  user: {
    summary: 'utilisateurs du tableau de bord : add, list, disable / dashboard users',
    run: async (argv, env) => (await import('./user-command.ts')).runUser(argv, env),
  },
  backup: {
    summary: 'sauvegarde cohérente des données, Givre en marche / online backup of the data',
    run: async (argv, env) => (await import('./backup-command.ts')).runBackup(argv, env),
  },
  device: {
    summary: 'identifiants des camionnettes : add, revoke, list / van credentials',
    run: async (argv, env) => (await import('./device-command.ts')).runDevice(argv, env),
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    'Givre — surveillance de la chaîne du froid / cold-chain monitoring',
    '',
    'Usage: givre <commande> [options]   (givre <commande> --help)',
    '',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Configuration: variables GIVRE_* (voir README / see README).',
  ].join('\n');
}

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command "${name}" (givre --help lists them)`);
  await command.run(rest, process.env);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof UsageError || (err instanceof GivreError && err.code === 'GIVRE_ERR_CONFIG')) {
    console.error(`givre: ${err.message}`);
    process.exit(2);
  }
  console.error(`givre: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
