import { z } from 'zod';
import { GivreError } from './errors.ts';

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
  /** Largest MQTT payload accepted, bytes. */
  GIVRE_MAX_PAYLOAD_BYTES: z.coerce
    .number({ error: 'a size in bytes' })
    .int('a whole number of bytes')
    .min(1024, 'at least 1024 bytes')
    .max(16 * 1024 * 1024, 'at most 16 MiB')
    .default(768 * 1024),
  /** Log verbosity. */
  GIVRE_LOG_LEVEL: z
    .enum(['debug', 'info', 'warn', 'error', 'silent'], { error: 'one of debug, info, warn, error, silent' })
    .default('info'),
});

export type Config = Readonly<z.infer<typeof ConfigSchema>>;

/** Known variable names, for checks such as docker-compose.yml's. */
export const CONFIG_VARIABLES = Object.keys(ConfigSchema.shape) as readonly string[];

/**
 * Reads `GIVRE_*` from an environment. Empty strings count as unset. Throws a
 * `GIVRE_ERR_CONFIG` error whose message is the one line to print.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const input: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith('GIVRE_') && value !== undefined && value !== '') input[key] = value;
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
  return Object.freeze(parsed.data);
}

/** The broker URL the services use: GIVRE_MQTT_URL, else the embedded broker on this machine. */
export function mqttUrlOf(config: Config): string {
  if (config.GIVRE_MQTT_URL) return config.GIVRE_MQTT_URL;
  const host = config.GIVRE_BIND_HOST === '0.0.0.0' ? '127.0.0.1' : config.GIVRE_BIND_HOST;
  return `mqtt://${host}:${config.GIVRE_MQTT_PORT}`;
}
