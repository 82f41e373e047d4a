import { dataFile } from '../platform/data-dir.ts';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { deviceIdProblem } from '../core/device-id.ts';
import { DeviceError, issueDeviceSecret } from '../state/device-provisioning.ts';
import { addSimCredentials } from '../firmware-sim/sim-credentials.ts';
import { loadConfig } from '../platform/config.ts';
import { createAuditLog } from '../state/audit-log.ts';
import { createDeviceRepository, type DeviceRepository } from '../state/device-repository.ts';
import { openStateDb } from '../state/state-db.ts';
import { REVOCATION_CHECK_MS } from '../broker/device-security.ts';
import { UsageError } from '../platform/usage-error.ts';

const HELP = `Usage: givre device add <VAN> [<VAN> ...] [--credentials-file FICHIER] | revoke <VAN> | list

Identifiants MQTT des camionnettes, dans GIVRE_DATA_DIR/state.db. / Vans' MQTT credentials.

  add <VAN>...  crée les identifiants et affiche le secret UNE fois (utilisateur = VAN)
                creates credentials and prints the secret ONCE (username = VAN)
    --credentials-file FICHIER
                ajoute aussi les secrets à FICHIER (JSON, mode 0600) pour givre sim --credentials
                also adds the secrets to FILE (JSON, mode 0600) for givre sim --credentials
  revoke <VAN>  révoque ; le broker déconnecte la camionnette / revokes; the broker disconnects it
  list          les camionnettes et leur état, jamais les secrets / vans and state, never secrets`;

const iso = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString().slice(0, 19) + 'Z');

async function add(devices: DeviceRepository, van: string): Promise<{ secret: string; text: string }> {
  const secret = await issueDeviceSecret(devices, van, { mode: 'add' });
  const text = [
    `${van} : identifiants créés / credentials created`,
    `  utilisateur / username : ${van}`,
    `  secret                 : ${secret}`,
    `  client id              : ${van} (ou / or givre-${van})`,
    'Notez le secret maintenant : il ne sera plus affiché (seul son hachage est gardé).',
    'Write the secret down now: it is not shown again (only its hash is kept).',
  ].join('\n');
  return { secret, text };
}

/** Every van to add, checked before any is issued: one refusal issues none. */
function checkNew(devices: DeviceRepository, vans: readonly string[]): void {
  for (const van of vans) {
    const problem = deviceIdProblem(van);
    if (problem) throw new DeviceError(problem);
    if (devices.get(van)?.revokedAt === null)
      throw new DeviceError(
        `${van} a déjà des identifiants / already has credentials (givre device revoke ${van}, then add); none issued`,
      );
  }
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
  let credentialsFile: string | undefined;
  try {
    const parsed = parseArgs({
      args: argv,
      options: { help: { type: 'boolean', short: 'h' }, 'credentials-file': { type: 'string' } },
      allowPositionals: true,
    });
    positionals = parsed.positionals;
    help = parsed.values.help;
    credentialsFile = parsed.values['credentials-file'];
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const [action, van, ...extra] = positionals;
  if (help || action === undefined) return void console.log(HELP);
  const needsVan = action === 'add' || action === 'revoke';
  if (
    !['add', 'revoke', 'list'].includes(action) ||
    (needsVan ? van === undefined || (action === 'revoke' && extra.length > 0) : van !== undefined)
  ) {
    throw new UsageError(`device ${positionals.join(' ')}: expected add <VAN>..., revoke <VAN> or list`);
  }
  if (credentialsFile !== undefined && action !== 'add')
    throw new UsageError('--credentials-file goes with device add');
  const vans = [van as string, ...extra];
  const config = loadConfig(env);
  const db = openStateDb(dataFile(config, 'state.db'));
  try {
    const devices = createDeviceRepository(db);
    let output: string;
    if (action === 'add') {
      checkNew(devices, vans);
      const secrets: Record<string, string> = {};
      const texts: string[] = [];
      for (const v of vans) {
        const issued = await add(devices, v);
        secrets[v] = issued.secret;
        texts.push(issued.text);
      }
      // Issue 11 (9): the file `givre sim --credentials` reads, one secret per van.
      if (credentialsFile !== undefined) {
        addSimCredentials(credentialsFile, secrets);
        texts.push(
          `Secrets ajoutés à / added to ${credentialsFile} (0600) : givre sim --credentials ${credentialsFile}`,
        );
      }
      output = texts.join('\n');
    } else output = action === 'revoke' ? revoke(devices, van as string) : list(devices);
    // Issue 4: device changes are in the audit log an admin reads, with the OS account that made them.
    if (action !== 'list')
      for (const v of action === 'add' ? vans : [van as string])
        createAuditLog(db).record({
          at: Date.now(),
          actor: `cli:${userInfo().username}`,
          action: action === 'add' ? 'device-add' : 'device-revoke',
          target: v,
          details: {},
        });
    console.log(output);
  } finally {
    db.close();
  }
}
