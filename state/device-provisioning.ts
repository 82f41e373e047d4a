import { deviceIdProblem } from '../core/device-id.ts';
import type { DeviceRepository } from './device-repository.ts';
import { DEFAULT_SCRYPT, hashSecret, newSecret, type ScryptParams } from '../platform/secret-hash.ts';

/** A device operation refused for a reason the administrator can act on (exit code 1). */
export class DeviceError extends Error {
  override name = 'DeviceError';
}

export interface IssueOptions {
  /**
   * `add`: an administrator's `givre device add`; refused while the van holds valid
   * credentials (revoke first: a secret is never replaced silently).
   * `demo`: `givre start --simulate` re-issues its simulated vans' secrets at every start,
   * but never replaces credentials an administrator issued.
   */
  mode: 'add' | 'demo';
  /** Who adds (`add` only): `givre device add` (default) or the admin page (issue 12). */
  by?: 'cli' | 'admin';
  now?: number;
  scrypt?: ScryptParams;
}

/** Issues a new secret for `van` and stores only its hash; returns the secret, to show once. */
export async function issueDeviceSecret(
  devices: DeviceRepository,
  van: string,
  options: IssueOptions,
): Promise<string> {
  const problem = deviceIdProblem(van);
  if (problem) throw new DeviceError(problem);
  const existing = devices.get(van);
  if (existing && existing.revokedAt === null) {
    if (options.mode === 'add') {
      throw new DeviceError(
        `${van} a déjà des identifiants / already has credentials (givre device revoke ${van}, then add)`,
      );
    }
    if (existing.origin !== 'demo') {
      throw new DeviceError(`${van} is a real device: the demo will not replace its secret`);
    }
  }
  const secret = newSecret();
  const hash = await hashSecret(secret, options.scrypt ?? DEFAULT_SCRYPT);
  devices.put(van, hash, options.mode === 'add' ? (options.by ?? 'cli') : 'demo', options.now ?? Date.now());
  return secret;
}
