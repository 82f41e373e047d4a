import { z } from 'zod';
import { GivreError } from './errors.ts';
import { DEFAULT_PUSH_SERVICES, parsePushServices } from './push-services.ts';

const port = (fallback: number) =>
  z.coerce
    .number({ error: 'a port number (0–65535)' })
    .int('a whole port number (0–65535)')
    .min(0, 'a port number (0–65535)')
    .max(65535, 'a port number (0–65535)')
    .default(fallback);

const url = (protocols: string[]) =>
  z
    .url({ error: `a URL (${protocols.join(', ')})` })
    .refine((u) => protocols.some((p) => u.startsWith(`${p}://`)), {
      error: `a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    });

/** A duration in seconds (decimals allowed, so tests can shrink it). */
const seconds = (fallback: number) =>
  z.coerce
    .number({ error: 'a duration in seconds' })
    .min(0, 'a duration in seconds (0 or more)')
    .default(fallback);
const celsius = (fallback: number) =>
  z.coerce.number({ error: 'a temperature difference in °C' }).min(0, '0 °C or more').default(fallback);

/** A placeholder contact: push works with it, but an installation should name a real one (a warning says so). */
export const PUSH_CONTACT_DEFAULT = 'mailto:admin@localhost';

/**
 * Every `GIVRE_*` variable Givre reads, with its default and unit. Parsed once at start-up;
 * a wrong value stops the process with one line naming the variable.
 */
export const ConfigSchema = z.object({
  /** MQTT listener port of the embedded broker. */
  GIVRE_MQTT_PORT: port(1883),
  /** HTTP port of the dashboard and API. */
  GIVRE_HTTP_PORT: port(8080),
  /** Address the listeners bind to; 127.0.0.1 keeps them on this machine, 0.0.0.0 opens them. */
  GIVRE_BIND_HOST: z.string().min(1).default('127.0.0.1'),
  /** Broker that ingest, the dashboard and the simulator connect to (default: the embedded one). */
  GIVRE_MQTT_URL: url(['mqtt', 'mqtts', 'tcp', 'ws', 'wss']).optional(),
  /** Username and password the services present to the broker. */
  GIVRE_MQTT_USERNAME: z.string().min(1).optional(),
  GIVRE_MQTT_PASSWORD: z.string().min(1).optional(),
  /** PEM certificate chain and key files: with both, an mqtts listener and HTTPS (issue 4). */
  GIVRE_TLS_CERT: z.string().min(1).optional(),
  GIVRE_TLS_KEY: z.string().min(1).optional(),
  /** MQTT over TLS listener port of the embedded broker, with GIVRE_TLS_CERT and GIVRE_TLS_KEY. */
  GIVRE_MQTTS_PORT: port(8883),
  /** Where the embedded store, spool and keys live. */
  GIVRE_DATA_DIR: z.string().min(1).default('./data'),
  /** InfluxDB base URL; unset means the embedded SQLite store. */
  GIVRE_INFLUX_URL: url(['http', 'https']).optional(),
  GIVRE_INFLUX_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a database name (letters, digits, _ or -)')
    .default('givre'),
  GIVRE_INFLUX_USERNAME: z.string().min(1).optional(),
  GIVRE_INFLUX_PASSWORD: z.string().min(1).optional(),
  /** How long InfluxDB keeps readings: `INF`, or days/weeks of at least one year (Reg. 37/2005). */
  GIVRE_INFLUX_RETENTION: z
    .string()
    .regex(
      /^(INF|(36[5-9]|3[7-9]\d|[4-9]\d\d|\d{4,})d|(5[3-9]|[6-9]\d|\d{3,})w)$/,
      'INF, or at least 365d / 53w (Reg. 37/2005)',
    )
    .default('400d'),
  /** Largest InfluxDB spool on disk while InfluxDB is away, bytes; beyond it ingest stops acknowledging. */
  GIVRE_INFLUX_SPOOL_MAX_BYTES: z.coerce
    .number({ error: 'a size in bytes' })
    .int('a whole number of bytes')
    .min(1024 * 1024, 'at least 1 MiB')
    .default(1024 * 1024 * 1024),
  /** Largest MQTT payload accepted, bytes. */
  GIVRE_MAX_PAYLOAD_BYTES: z.coerce
    .number({ error: 'a size in bytes' })
    .int('a whole number of bytes')
    .min(1024, 'at least 1024 bytes')
    .max(16 * 1024 * 1024, 'at most 16 MiB')
    .default(768 * 1024),
  /** Alert rules (issue 5; README "Alerts" gives each reason). Durations in seconds of device time. */
  GIVRE_ALERT_EXCURSION_DELAY_S: seconds(15 * 60),
  GIVRE_ALERT_CLEAR_MARGIN_C: celsius(0.5),
  GIVRE_ALERT_CLEAR_HOLD_S: seconds(5 * 60),
  GIVRE_ALERT_CUMULATIVE_BUDGET_S: seconds(30 * 60),
  /** UTC hour at which the cumulative rule's trip period restarts, until loads exist (issue 6). */
  GIVRE_ALERT_CUMULATIVE_RESET_HOUR_UTC: z.coerce
    .number({ error: 'an hour from 0 to 23' })
    .int('a whole hour from 0 to 23')
    .min(0, 'an hour from 0 to 23')
    .max(23, 'an hour from 0 to 23')
    .default(12),
  GIVRE_ALERT_SEVERE_CHILLED_MARGIN_C: celsius(3),
  GIVRE_ALERT_SEVERE_CHILLED_DELAY_S: seconds(5 * 60),
  GIVRE_ALERT_DOOR_OPEN_MAX_S: seconds(10 * 60),
  GIVRE_ALERT_RECORDER_SILENT_S: seconds(5 * 60),
  GIVRE_ALERT_LOW_BATTERY_PERCENT: z.coerce
    .number({ error: 'a percentage' })
    .min(0, 'a percentage from 0 to 100')
    .max(100, 'a percentage from 0 to 100')
    .default(20),
  GIVRE_ALERT_DEFROST_MAX_S: seconds(45 * 60),
  /** Wall time a delivery waits for the van's records through delivery before its certificate is issued provisional. */
  GIVRE_CERTIFICATE_TAIL_WAIT_S: seconds(5),
  /**
   * The organisation that issues the certificates, and its postal address, as every new
   * certificate states and signs them (issue 12). The defaults say it is the demonstration.
   */
  GIVRE_ISSUER_NAME: z
    .string()
    .trim()
    .min(1)
    .max(200, 'a name of at most 200 characters')
    .default('Givre (démonstration)'),
  GIVRE_ISSUER_ADDRESS: z
    .string()
    .trim()
    .min(1)
    .max(300, 'an address of at most 300 characters')
    .default('Mons, Belgique (démonstration)'),
  /**
   * A van's clock may be this far off the server's before Givre flags it, and a reading dated
   * this far ahead of the server's clock is counted as from the future (kept as dated, issue 13).
   */
  GIVRE_CLOCK_TOLERANCE_S: seconds(5 * 60),
  /** Server time readings wait for earlier-numbered ones still on their way (arrival order). */
  GIVRE_ALERT_REORDER_HOLD_S: seconds(30),
  /** Escalation runs on the server's wall clock: it measures people not reacting. */
  GIVRE_ALERT_ESCALATION_DELAY_S: seconds(10 * 60),
  GIVRE_ALERT_ESCALATION_REMINDER_S: seconds(10 * 60),
  /** compartment=profile pairs: the limit each compartment alerts at until loads say otherwise. */
  GIVRE_COMPARTMENT_PROFILES: z
    .string()
    .regex(
      /^\s*[a-z0-9][a-z0-9_-]{0,31}=[a-z0-9-]{1,40}\s*(,\s*[a-z0-9][a-z0-9_-]{0,31}=[a-z0-9-]{1,40}\s*)*$/,
      'compartment=profile pairs separated by commas, e.g. chilled=chilled,frozen=frozen',
    )
    .default('chilled=chilled,frozen=frozen'),
  /** Where alert transitions are POSTed (SMS gateway, chat); unset: no webhook. */
  GIVRE_WEBHOOK_URL: url(['http', 'https']).optional(),
  /** HMAC-SHA256 key of the X-Givre-Signature header; required with GIVRE_WEBHOOK_URL. */
  GIVRE_WEBHOOK_SECRET: z.string().min(16, 'a secret of at least 16 characters').optional(),
  /**
   * Issue 15: the VAPID contact (RFC 8292 `sub`) every Web Push request carries, a `mailto:` or
   * `https:` URL at which the push services (FCM, Mozilla, Apple) can reach the operator.
   */
  GIVRE_PUSH_CONTACT: z
    .string()
    .regex(
      /^(mailto:[^\s@]+@[^\s@]+|https:\/\/[^\s]+)$/,
      'a mailto: address or an https:// URL, e.g. mailto:it@soreal.be',
    )
    .default(PUSH_CONTACT_DEFAULT),
  /**
   * Issue 15: the push services a subscription may point at (platform/push-services.ts):
   * `scheme://host` or `scheme://*.domain`, comma-separated; by default the browsers' own.
   */
  GIVRE_PUSH_SERVICES: z
    .string()
    .default(DEFAULT_PUSH_SERVICES)
    .superRefine((list, ctx) => {
      try {
        parsePushServices(list);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
      }
    }),
  /**
   * The dashboard's address as people reach it (a public name, behind a proxy): the base of
   * the certificates' QR code and verification link; unset: each request's own host.
   */
  GIVRE_PUBLIC_URL: url(['http', 'https']).optional(),
  /**
   * Other host names people reach the dashboard by, comma-separated (issue 11, 6): requests
   * for any other name are refused. Loopback names are always accepted.
   */
  GIVRE_ALLOWED_HOSTS: z
    .string()
    .regex(
      /^\s*([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])\s*(,\s*([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])\s*)*$/,
      'host names separated by commas, without scheme or port, e.g. givre.example.org,10.0.0.5',
    )
    .optional(),
  /**
   * OpenStreetMap-compatible tile template for the map page (issue 12), e.g.
   * `https://{s}.tile.example.org/{z}/{x}/{y}.png`; unset: the vector view alone, no network.
   */
  GIVRE_MAP_TILE_URL: z
    .string()
    .regex(
      /^https?:\/\/(\{s\}\.)?[A-Za-z0-9.-]+(:\d+)?\/(?=.*\{z\})(?=.*\{x\})(?=.*\{y\})[^\s]*$/,
      'an http(s) tile URL with {z}, {x} and {y}, e.g. https://tile.example.org/{z}/{x}/{y}.png',
    )
    .optional(),
  /** Log verbosity. */
  GIVRE_LOG_LEVEL: z
    .enum(['debug', 'info', 'warn', 'error', 'silent'], { error: 'one of debug, info, warn, error, silent' })
    .default('info'),
});

export type Config = Readonly<z.infer<typeof ConfigSchema>>;

/** Known variable names, for checks such as docker-compose.yml's. */
export const CONFIG_VARIABLES = Object.keys(ConfigSchema.shape) as readonly string[];

/** The default of a variable, as the one line of an empty variable's refusal shows it. */
function defaultOf(name: string): string | undefined {
  const parsed = ConfigSchema.shape[name as keyof typeof ConfigSchema.shape].safeParse(undefined);
  return parsed.success && parsed.data !== undefined ? String(parsed.data) : undefined;
}

/**
 * Reads `GIVRE_*` from an environment. Throws a `GIVRE_ERR_CONFIG` error whose message is the
 * one line to print. A variable set to the empty string is a mistake, not "unset" (issue 11,
 * 8): `GIVRE_HTTP_PORT=` in a unit file silently serving on 8080 hides the typo.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const input: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith('GIVRE_') || value === undefined) continue;
    if (value.trim() === '' && CONFIG_VARIABLES.includes(key)) {
      const fallback = defaultOf(key);
      throw new GivreError(
        'GIVRE_ERR_CONFIG',
        `${key}=${JSON.stringify(value)} is invalid: the variable is set but empty; give a value, or unset it${fallback !== undefined ? ` to use the default (${fallback})` : ''}`,
      );
    }
    input[key] = value;
  }
  const parsed = ConfigSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'GIVRE_?');
    throw new GivreError(
      'GIVRE_ERR_CONFIG',
      `${name}=${JSON.stringify(input[name] ?? '')} is invalid: expected ${issue?.message ?? 'a valid value'}`,
    );
  }
  // A webhook without its secret would send alerts nobody can authenticate (SMS gateways act on them).
  if (parsed.data.GIVRE_WEBHOOK_URL && !parsed.data.GIVRE_WEBHOOK_SECRET) {
    throw new GivreError(
      'GIVRE_ERR_CONFIG',
      'GIVRE_WEBHOOK_SECRET="" is invalid: expected a secret when GIVRE_WEBHOOK_URL is set',
    );
  }
  // Half a TLS configuration would silently serve plain text where the operator expects TLS.
  if (Boolean(parsed.data.GIVRE_TLS_CERT) !== Boolean(parsed.data.GIVRE_TLS_KEY)) {
    const [missing, given] = parsed.data.GIVRE_TLS_CERT
      ? ['GIVRE_TLS_KEY', 'GIVRE_TLS_CERT']
      : ['GIVRE_TLS_CERT', 'GIVRE_TLS_KEY'];
    throw new GivreError(
      'GIVRE_ERR_CONFIG',
      `${missing}="" is invalid: expected a file path when ${given} is set`,
    );
  }
  return Object.freeze(parsed.data);
}

/** The broker URL the services use: GIVRE_MQTT_URL, else the embedded broker on this machine. */
export function mqttUrlOf(config: Config): string {
  if (config.GIVRE_MQTT_URL) return config.GIVRE_MQTT_URL;
  const host = config.GIVRE_BIND_HOST === '0.0.0.0' ? '127.0.0.1' : config.GIVRE_BIND_HOST;
  return `mqtt://${host}:${config.GIVRE_MQTT_PORT}`;
}
