import { parseArgs } from 'node:util';
import { loadConfig } from '../platform/config.ts';
import { requireDataDir } from '../platform/data-dir.ts';
import { UsageError } from '../platform/usage-error.ts';
import { backupDataDir } from './data-dir-backup.ts';
import { LOCALE, type Lang } from '../dashboard/text/lang.ts';

const HELP = `Usage: givre backup <dossier>

Sauvegarde cohérente, pendant que Givre tourne, de GIVRE_DATA_DIR dans un nouveau dossier :
le magasin d’état (state.db), les sessions et messages en attente du broker (broker.db), les
relevés embarqués (givre.db) et les clés de signature des certificats. Le dossier obtenu est lui-même un GIVRE_DATA_DIR : pour restaurer, arrêtez Givre,
remplacez le dossier de données par une copie de la sauvegarde, redémarrez (README).

A consistent backup, while Givre runs, of GIVRE_DATA_DIR into a new directory: the state store,
the broker's sessions and queued messages, the embedded readings and the certificate signing keys. The result is itself a GIVRE_DATA_DIR:
to restore, stop Givre, replace the data directory with a copy of the backup, start again.

Avec InfluxDB (GIVRE_INFLUX_URL), les relevés sont dans InfluxDB : sauvegardez-les avec
\`influxd backup\`. / With InfluxDB, back the readings up with \`influxd backup\`.`;

/** The signing keys in the summary line, in each language it is printed in. */
const KEYS: Readonly<Record<Lang, string>> = {
  fr: 'clés de signature des certificats',
  en: 'certificate signing keys',
  nl: 'sleutels voor de ondertekening van de certificaten',
};

/** `givre backup <dir>`: safe beside running services, which never wait for it. */
export async function runBackup(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (parsed.values.help) return void console.log(HELP);
  const [target, ...extra] = parsed.positionals;
  if (!target || extra.length > 0)
    throw new UsageError('backup takes one new directory (givre backup --help)');
  const config = loadConfig(env);
  const backup = backupDataDir(requireDataDir(config), target);
  const list = (lang: Lang) =>
    [
      ...backup.databases.map((f) => `${f.name} (${size(f.bytes, lang)})`),
      ...(backup.keys ? [KEYS[lang]] : []),
    ].join(', ');
  console.log(`Sauvegarde terminée dans ${backup.dir} : ${list('fr')} ; schéma ${backup.stateSchema}.`);
  console.log(`Backup complete in ${backup.dir}: ${list('en')}; schema ${backup.stateSchema}.`);
  console.log(`Back-up voltooid in ${backup.dir}: ${list('nl')}; schema ${backup.stateSchema}.`);
  if (config.GIVRE_INFLUX_URL)
    console.log(
      'Les relevés sont dans InfluxDB : sauvegardez-les aussi avec `influxd backup`. / The readings are in InfluxDB: back them up too with `influxd backup`.',
    );
}

/** 1.5 MiB / 1,5 Mio / 1,5 MiB: binary units, as `ls -lh` and `du -h` count. */
function size(bytes: number, lang: Lang): string {
  const units = lang === 'fr' ? ['o', 'Kio', 'Mio', 'Gio'] : ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = value < 10 && unit > 0 ? 1 : 0;
  return `${value.toLocaleString(lang === 'en' ? 'en' : LOCALE[lang], { maximumFractionDigits: digits })} ${units[unit]}`;
}
