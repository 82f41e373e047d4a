import { dataFile } from '../platform/data-dir.ts';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { DeviceError, issueDeviceSecret } from '../broker/device-provisioning.ts';
import { loadConfig } from '../platform/config.ts';
import { createAuditLog } from '../state/audit-log.ts';
import { createDeviceRepository, type DeviceRepository } from '../state/device-repository.ts';
import { openStateDb } from '../state/state-db.ts';
import { REVOCATION_CHECK_MS } from '../broker/device-security.ts';
import { UsageError } from '../platform/usage-error.ts';

const HELP = `Usage: givre device add <VAN> | revoke <VAN> | list

Identifiants MQTT des camionnettes, dans GIVRE_DATA_DIR/state.db. / Vans' MQTT credentials.

  add <VAN>     crée les identifiants et affiche le secret UNE fois (utilisateur = VAN)
                creates credentials and prints the secret ONCE (username = VAN)
  revoke <VAN>  révoque ; le broker déconnecte la camionnette / revokes; the broker disconnects it
  list          les camionnettes et leur état, jamais les secrets / vans and state, never secrets`;

const iso = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString().slice(0, 19) + 'Z');

async function add(devices: DeviceRepository, van: string): Promise<string> {
  const secret = await issueDeviceSecret(devices, van, { mode: 'add' });
  return [
    `${van} : identifiants créés / credentials created`,
    `  utilisateur / username : ${van}`,
    `  secret                 : ${secret}`,
    `  client id              : ${van} (ou / or givre-${van})`,
    'Notez le secret maintenant : il ne sera plus affiché (seul son hachage est gardé).',
    'Write the secret down now: it is not shown again (only its hash is kept).',
  ].join('\n');
}

function revoke(devices: DeviceRepository, van: string): string {
  if (!devices.revoke(van, Date.now())) {
    const known = devices.get(van);
    throw new DeviceError(
      known ? `${van} est déjà révoqué / is already revoked` : `${van} : aucun identifiant / no credentials`,
    );
  }
  return `${van} révoqué / revoked (déconnecté en ~${REVOCATION_CHECK_MS / 1000} s / disconnected within ~${REVOCATION_CHECK_MS / 1000} s)`;
}

function list(devices: DeviceRepository): string {
  const rows = devices.list();
  if (rows.length === 0) return 'aucune camionnette / no vans (givre device add VAN-01)';
  const lines = rows.map((d) =>
    [
      d.van.padEnd(12),
      (d.revokedAt === null ? 'active' : 'revoked').padEnd(8),
      d.origin.padEnd(5),
      iso(d.createdAt),
      iso(d.revokedAt),
    ].join('  '),
  );
  return [
    ['van'.padEnd(12), 'state'.padEnd(8), 'from '.padEnd(5), 'issued'.padEnd(20), 'revoked'].join('  '),
    ...lines,
  ].join('\n');
}

/** `givre device …`: operates on the state store directly, so the broker need not run. */
export async function runDevice(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  let positionals: string[];
  let help: boolean | undefined;
  try {
    const parsed = parseArgs({
      args: argv,
      options: { help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
    positionals = parsed.positionals;
    help = parsed.values.help;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const [action, van, ...extra] = positionals;
  if (help || action === undefined) return void console.log(HELP);
  const needsVan = action === 'add' || action === 'revoke';
  if (
    !['add', 'revoke', 'list'].includes(action) ||
    (needsVan ? van === undefined || extra.length > 0 : van !== undefined)
  ) {
    throw new UsageError(`device ${positionals.join(' ')}: expected add <VAN>, revoke <VAN> or list`);
  }
  const config = loadConfig(env);
  const db = openStateDb(dataFile(config, 'state.db'));
  try {
    const devices = createDeviceRepository(db);
    const output =
      action === 'add'
        ? await add(devices, van as string)
        : action === 'revoke'
          ? revoke(devices, van as string)
          : list(devices);
    // Issue 4: device changes are in the audit log an admin reads, with the OS account that made them.
    if (action !== 'list')
      createAuditLog(db).record({
        at: Date.now(),
        actor: `cli:${userInfo().username}`,
        action: action === 'add' ? 'device-add' : 'device-revoke',
        target: van as string,
        details: {},
      });
    console.log(output);
  } finally {
    db.close();
  }
}
