import { VanId } from './ids.ts';

/**
 * Van ids that would collide with the services' own names: the service username
 * (`givre-…`) and the client ids `givre-ingest` / `givre-dashboard-{random}`, which a van's
 * `givre-{van}` client id must never equal (broker/device-names.ts, `vanMayUseClientId`).
 */
const RESERVED = /^(givre|ingest$|dashboard)/i;

/**
 * Why `van` cannot be given credentials, or null when it can: the one check of
 * `givre device add`, the admin page's `POST /api/devices` and the broker's sign-in.
 */
export function deviceIdProblem(van: string): string | null {
  if (!VanId.safeParse(van).success) return `"${van}" is not a van id (letters, digits, - or _, 1–32)`;
  if (RESERVED.test(van)) return `"${van}" is reserved for Givre's own services`;
  return null;
}
