import { dataFile } from '../platform/data-dir.ts';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { provisionUser } from '../dashboard/auth/user-provisioning.ts';
import { loadConfig } from '../platform/config.ts';
import { GivreError } from '../platform/errors.ts';
import { createAssociationRepository } from '../state/association-repository.ts';
import { createAuditLog } from '../state/audit-log.ts';
import { createSessionRepository } from '../state/session-repository.ts';
import { openStateDb } from '../state/state-db.ts';
import { createUserRepository, type UserRepository } from '../state/user-repository.ts';
import { UsageError } from '../platform/usage-error.ts';

const HELP = `Usage: givre user add <NOM> --role admin|coordinator|driver|association
                       [--van VAN-01 ...] [--association ID] [--password-file FICHIER]
       givre user list
       givre user disable <NOM>

Utilisateurs du tableau de bord, dans GIVRE_DATA_DIR/state.db. / Dashboard users.

  add       crée l'utilisateur ; affiche UNE fois le mot de passe généré, sauf --password-file
            creates the user; prints the generated password ONCE, unless --password-file
            driver : --van (une ou plusieurs / one or more) ; association : --association ID,
            une association enregistrée sur /admin / an association recorded on /admin
  list      les utilisateurs, leur rôle et leur état, jamais les mots de passe
  disable   désactive et ferme ses sessions / disables and ends their sessions`;

const iso = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString().slice(0, 19) + 'Z');

/** Who did it, for the audit log: the operating-system account at the command line. */
const cliActor = () => {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
};

function list(users: UserRepository): string {
  const rows = users.list();
  if (rows.length === 0) return 'aucun utilisateur / no users (givre user add admin --role admin)';
  return [
    ['username'.padEnd(16), 'role'.padEnd(12), 'state'.padEnd(8), 'scope'.padEnd(24), 'created'].join('  '),
    ...rows.map((u) =>
      [
        u.username.padEnd(16),
        u.role.padEnd(12),
        (u.disabledAt === null ? 'active' : 'disabled').padEnd(8),
        (u.role === 'driver' ? u.vans.join(',') : (u.association ?? '-')).padEnd(24),
        iso(u.createdAt),
      ].join('  '),
    ),
  ].join('\n');
}

/** `givre user …`: operates on the state store directly, so the dashboard need not run. */
export async function runUser(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        role: { type: 'string' },
        van: { type: 'string', multiple: true },
        association: { type: 'string' },
        'password-file': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  const [action, username, ...extra] = positionals;
  if (values.help || action === undefined) return void console.log(HELP);
  const needsName = action === 'add' || action === 'disable';
  if (
    !['add', 'list', 'disable'].includes(action) ||
    extra.length > 0 ||
    (needsName ? username === undefined : username !== undefined)
  )
    throw new UsageError(`user ${positionals.join(' ')}: expected add <NAME>, list or disable <NAME>`);
  if (action === 'add' && !values.role)
    throw new UsageError('user add: --role admin|coordinator|driver|association is required');
  const password = values['password-file']
    ? readFileSync(values['password-file'], 'utf8').replace(/\r?\n$/, '')
    : undefined;

  const config = loadConfig(env);
  const db = openStateDb(dataFile(config, 'state.db'));
  try {
    const users = createUserRepository(db);
    const audit = createAuditLog(db);
    const now = Date.now();
    if (action === 'list') return void console.log(list(users));
    const name = username as string;
    if (action === 'disable') {
      if (!users.disable(name, now))
        throw new UsageError(`${name} : aucun utilisateur actif / no active user`);
      createSessionRepository(db).deleteForUser(name);
      audit.record({ at: now, actor: cliActor(), action: 'user-disable', target: name, details: {} });
      return void console.log(`${name} désactivé / disabled`);
    }
    const input = {
      username: name,
      role: values.role as string,
      vans: values.van ?? [],
      association: values.association ?? null,
      ...(password !== undefined ? { password } : {}),
    };
    const issued = await provisionUser(users, input, {
      origin: 'cli',
      now,
      associations: createAssociationRepository(db),
    }).catch((err: unknown) => {
      throw err instanceof GivreError ? new UsageError(err.message) : err;
    });
    audit.record({
      at: now,
      actor: cliActor(),
      action: 'user-add',
      target: name,
      details: { role: input.role, vans: input.vans, association: input.association },
    });
    console.log(
      [
        `${name} : utilisateur créé / user created (${input.role})`,
        ...(password === undefined
          ? [
              `  mot de passe / password : ${issued}`,
              'Notez-le maintenant : il ne sera plus affiché (seul son hachage est gardé).',
              'Write it down now: it is not shown again (only its hash is kept).',
            ]
          : ['  mot de passe : celui du fichier / password: the one in the file']),
      ].join('\n'),
    );
  } finally {
    db.close();
  }
}
