import { parseArgs } from 'node:util';
import { GivreError } from '../platform/errors.ts';
import { fleetVanIds } from './fleet.ts';
import { SCENARIO_NAMES } from './scenarios.ts';
import { DEFAULT_RECEIPT_TIMEOUT_S } from './forwarder.ts';
import { DEFAULT_MAX_BACKLOG_READINGS } from './reading-backlog.ts';
import { readSimCredentials, type VanCredentials } from './sim-credentials.ts';
import { DEFAULT_INTERVAL_S, MAX_INTERVAL_S } from './van-settings.ts';

export const SIM_HELP = `Usage: givre sim (--vans N | --credentials FICHIER) [--url URL] [--speed X] [--seed S] [--interval SECONDES]
                 [--scenario VAN=NOM ...] [--credentials FICHIER | --username U --password P]
                 [--state-dir DIR [--max-backlog RELEVÉS]] [--receipt-timeout SECONDES | --no-receipts]

Simule N camionnettes frigorifiques (VAN-01 … VAN-NN) qui publient leurs mesures en MQTT
jusqu'à Ctrl-C, puis se déclarent hors ligne.
Simulates N refrigerated vans (VAN-01 … VAN-NN) publishing over MQTT until Ctrl-C, then
announcing themselves offline.

  --vans N             nombre de camionnettes / number of vans (1–999)
  --url URL            broker MQTT (GIVRE_MQTT_URL, sinon/else mqtt://127.0.0.1:1883)
  --speed X            le temps simulé va X fois plus vite / simulated time runs X times faster (1)
  --seed S             graine : même graine, même nuit / seed: same seed, same night (1)
  --interval SECONDES  intervalle d'enregistrement / recording interval (${DEFAULT_INTERVAL_S}, max ${MAX_INTERVAL_S}: EN 12830)
  --scenario VAN=NOM   scénario d'une camionnette / one van's scenario, e.g. VAN-02=reefer-failure
                       ${SCENARIO_NAMES.join(' | ')}
  --credentials FICHIER
                       un secret par camionnette, pour le broker Givre : chacune se connecte sous
                       son nom ; objet JSON camionnette → secret, écrit par
                       givre device add VAN-05 VAN-06 --credentials-file FICHIER ; sans --vans,
                       simule exactement les camionnettes du fichier (à côté de la démo :
                       d'autres que les siennes, sans en déloger aucune)
                       one secret per van, for Givre's broker: each signs in as itself; a JSON
                       object van → secret, e.g. {"VAN-05": "…"}, written by givre device add
                       VAN-05 VAN-06 --credentials-file FILE; without --vans, simulates exactly
                       the file's vans (beside the demo: others than its own, knocking none out)
  --username U         identifiants MQTT communs / shared MQTT credentials (GIVRE_MQTT_USERNAME)
  --password P         (préférez / prefer GIVRE_MQTT_PASSWORD: a flag shows in ps)
                       soit ceux-ci, soit --credentials / either these or --credentials, not both
  --state-dir DIR      garde entre deux lancements le compteur seq et, dans DIR/VAN.outbox.jsonl,
                       les relevés pas encore reçus par le broker
                       keeps across restarts the seq counter and, in DIR/VAN.outbox.jsonl, the
                       readings the broker has not acknowledged yet
  --max-backlog RELEVÉS
                       relevés gardés au plus par camionnette hors réseau ; au-delà, les plus
                       anciens sont abandonnés et déclarés perdus / most readings a van keeps
                       while offline; beyond, the oldest are dropped and declared lost (${DEFAULT_MAX_BACKLOG_READINGS})
  --receipt-timeout SECONDES
                       un relevé envoyé attend au plus ce délai l'accusé de stockage d'ingest
                       (givre/v1/vans/VAN/receipts) avant d'être renvoyé / how long a sent reading
                       waits for ingest's receipt before it is sent again (${DEFAULT_RECEIPT_TIMEOUT_S})
  --no-receipts        oublier un relevé dès que le broker l'a accusé (PUBACK), comme un enregistreur
                       tiers ; un broker qui tombe peut alors le perdre / forget a reading at the
                       broker's PUBACK, as a third-party recorder; a broker that dies may lose it
  -h, --help           cette aide / this help`;

export interface SimArgs {
  help: boolean;
  vans: number;
  url?: string;
  speed: number;
  seed: number;
  intervalS: number;
  scenarios: Record<string, string>;
  username?: string;
  password?: string;
  /** From `--credentials FILE`, one entry per simulated van (username = van id). */
  credentials?: VanCredentials;
  stateDir?: string;
  maxBacklogReadings?: number;
  /** False with `--no-receipts`: readings leave at the broker's PUBACK. */
  receipts: boolean;
  receiptTimeoutS: number;
}

const usage = (message: string) => new GivreError('GIVRE_ERR_CONFIG', message);

function number(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
    throw usage(`--${name} ${JSON.stringify(raw)}: expected a number from ${min} to ${max}`);
  }
  return value;
}

/** Reads `givre sim`'s arguments; a mistake throws one line (exit code 2 in the CLI). */
export function parseSimArgs(argv: string[]): SimArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        vans: { type: 'string' },
        url: { type: 'string' },
        speed: { type: 'string' },
        seed: { type: 'string' },
        interval: { type: 'string' },
        scenario: { type: 'string', multiple: true },
        username: { type: 'string' },
        password: { type: 'string' },
        credentials: { type: 'string' },
        'state-dir': { type: 'string' },
        'max-backlog': { type: 'string' },
        'receipt-timeout': { type: 'string' },
        'no-receipts': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw usage((err as Error).message.split('\n')[0] ?? 'bad arguments');
  }
  const scenarios: Record<string, string> = {};
  for (const s of values.scenario ?? []) {
    const match = /^([A-Za-z0-9_-]+)=([a-z-]+)$/.exec(s);
    if (!match)
      throw usage(`--scenario ${JSON.stringify(s)}: expected VAN=scenario, e.g. VAN-02=reefer-failure`);
    if (!(SCENARIO_NAMES as readonly string[]).includes(match[2]!)) {
      throw usage(`--scenario ${JSON.stringify(s)}: unknown scenario (${SCENARIO_NAMES.join(', ')})`);
    }
    scenarios[match[1]!] = match[2]!;
  }
  if (values.help)
    return {
      help: true,
      vans: 0,
      speed: 1,
      seed: 1,
      intervalS: DEFAULT_INTERVAL_S,
      scenarios,
      receipts: true,
      receiptTimeoutS: DEFAULT_RECEIPT_TIMEOUT_S,
    };
  if (values.vans === undefined && values.credentials === undefined)
    throw usage('--vans N or --credentials FILE is required (givre sim --help)');
  if (values.url !== undefined && !/^(mqtts?|tcp|wss?):\/\/[^\s]+$/.test(values.url)) {
    throw usage(`--url ${JSON.stringify(values.url)}: expected mqtt://, mqtts://, tcp://, ws:// or wss://`);
  }
  let vans = number('vans', values.vans, 1, 1, 999);
  if (!Number.isInteger(vans)) throw usage(`--vans ${JSON.stringify(values.vans)}: expected a whole number`);
  const seed = number('seed', values.seed, 1, 0, 2 ** 32 - 1);
  if (!Number.isInteger(seed)) throw usage(`--seed ${JSON.stringify(values.seed)}: expected a whole number`);
  if (values.credentials !== undefined && (values.username !== undefined || values.password !== undefined)) {
    throw usage(
      '--credentials and --username/--password are mutually exclusive: with a file, each van signs in as itself',
    );
  }
  // Read here, at start-up, so that a bad file stops the command before any van connects.
  const credentials =
    values.credentials !== undefined
      ? readSimCredentials(values.credentials, values.vans !== undefined ? fleetVanIds(vans) : undefined)
      : undefined;
  if (credentials && values.vans === undefined) vans = Object.keys(credentials).length;
  const maxBacklog = number(
    'max-backlog',
    values['max-backlog'],
    DEFAULT_MAX_BACKLOG_READINGS,
    1,
    10_000_000,
  );
  if (!Number.isInteger(maxBacklog)) {
    throw usage(`--max-backlog ${JSON.stringify(values['max-backlog'])}: expected a whole number`);
  }
  if (values['no-receipts'] && values['receipt-timeout'] !== undefined) {
    throw usage(
      '--no-receipts and --receipt-timeout are mutually exclusive: without receipts nothing waits for one',
    );
  }
  return {
    help: false,
    vans,
    receipts: values['no-receipts'] !== true,
    receiptTimeoutS: number(
      'receipt-timeout',
      values['receipt-timeout'],
      DEFAULT_RECEIPT_TIMEOUT_S,
      1,
      86_400,
    ),
    speed: number('speed', values.speed, 1, 0.01, 100_000),
    seed,
    intervalS: number('interval', values.interval, DEFAULT_INTERVAL_S, 1, MAX_INTERVAL_S),
    scenarios,
    ...(values.url !== undefined ? { url: values.url } : {}),
    ...(values.username !== undefined ? { username: values.username } : {}),
    ...(values.password !== undefined ? { password: values.password } : {}),
    ...(credentials !== undefined ? { credentials } : {}),
    ...(values['state-dir'] !== undefined ? { stateDir: values['state-dir'] } : {}),
    ...(values['max-backlog'] !== undefined ? { maxBacklogReadings: maxBacklog } : {}),
  };
}
