import { GivreError } from '../platform/errors.ts';

/** Shortest service secret accepted outside the demo, characters. */
export const MIN_SERVICE_SECRET_LENGTH = 16;

/** Secrets found in tutorials and sample files: starting with one of them is starting open. */
const KNOWN_DEFAULTS = new Set([
  'changeme',
  'change-me',
  'changeit',
  'password',
  'secret',
  'givre',
  'admin',
  'mqtt',
  'public',
  'default',
  'test',
  'example',
]);

/**
 * The service secret the embedded broker accepts from ingest and the dashboard
 * (GIVRE_MQTT_PASSWORD). Outside the demo Givre refuses to start without a real one
 * (issue 4): the error is the one line `givre` prints, naming the variable.
 */
export function requireServiceSecret(secret: string | undefined): string {
  const problem =
    secret === undefined || secret === ''
      ? 'a secret (it is unset; `openssl rand -base64 32` makes one)'
      : KNOWN_DEFAULTS.has(secret.toLowerCase().replace(/[^a-z-]/g, ''))
        ? 'a secret of your own, not a well-known default'
        : secret.length < MIN_SERVICE_SECRET_LENGTH
          ? `a secret of at least ${MIN_SERVICE_SECRET_LENGTH} characters`
          : null;
  if (problem) {
    const shown = secret ? '*'.repeat(Math.min(secret.length, 8)) : '';
    throw new GivreError(
      'GIVRE_ERR_CONFIG',
      `GIVRE_MQTT_PASSWORD="${shown}" is invalid: expected ${problem}`,
    );
  }
  return secret as string;
}
