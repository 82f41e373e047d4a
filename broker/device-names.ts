import { VanId } from '../core/ids.ts';

export { DEFAULT_SERVICE_USERNAME } from '../platform/service-credentials.ts';

/**
 * Van ids that would collide with the services' own names: the service username
 * (`givre-…`) and the client ids `givre-ingest` / `givre-dashboard-{random}`, which a van's
 * `givre-{van}` client id must never equal (see `vanMayUseClientId`).
 */
const RESERVED = /^(givre|ingest$|dashboard)/i;

/** Why `van` cannot be given credentials, or null when it can. */
export function deviceIdProblem(van: string): string | null {
  if (!VanId.safeParse(van).success) return `"${van}" is not a van id (letters, digits, - or _, 1–32)`;
  if (RESERVED.test(van)) return `"${van}" is reserved for Givre's own services`;
  return null;
}

/**
 * A van connects with client id `{van}` or `givre-{van}` (the simulator's), nothing else:
 * otherwise it could take over another client's session — MQTT 3.1.1 §3.1.4 lets a new
 * connection with the same client id replace the old one, persistent session included
 * (ingest's `givre-ingest` holds the fleet's undelivered telemetry).
 */
export function vanMayUseClientId(van: string, clientId: string): boolean {
  return clientId === van || clientId === `givre-${van}`;
}
