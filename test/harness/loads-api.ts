import { randomBytes } from 'node:crypto';
import type { SignedCertificate } from '../../core/certificates/certificate.ts';
import type { Load, LoadInput } from '../../core/loads/load.ts';
import { hashSecret } from '../../platform/secret-hash.ts';
import type { TestSystem } from './givre.ts';

/** Small typed client of `/api/loads` for integration tests. */
export function loadsApi(baseUrl: string) {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    create: (input: LoadInput) => call<Load>('POST', '/api/loads', input),
    get: (id: string) => call<Load>('GET', `/api/loads/${id}`),
    mark: (
      id: string,
      event: {
        type: string;
        at?: number;
        by?: string;
        reception?: unknown;
        pickup?: unknown;
        delivery?: unknown;
      },
    ) => call<{ load: Load; certificate?: string }>('POST', `/api/loads/${id}/events`, event),
    certificate: (id: string) => call<SignedCertificate>('GET', `/api/loads/${id}/certificate`),
    versions: (id: string) =>
      call<Array<{ id: string; version: number; provisional: boolean; supersededBy: string | null }>>(
        'GET',
        `/api/loads/${id}/certificates`,
      ),
    verify: (doc: unknown) =>
      call<{ valid: boolean; supersededBy?: string | null }>('POST', '/api/certificates/verify', doc),
  };
}

export const loadInput = (over: Partial<LoadInput> & Pick<LoadInput, 'van'>): LoadInput => ({
  profile: 'fresh-meat',
  weightKg: 40,
  donor: { name: 'Delhaize Mons', place: 'Rue de Nimy, Mons', pickupAt: Date.now() },
  recipient: { id: 'resto-du-coeur-mons', name: 'Restos du Cœur de Mons' },
  compartment: 'chilled',
  ...over,
});

/**
 * Makes vans known to the fleet before they report, as `givre device add` does (issue 12: a
 * load names a van the fleet knows). Tests on an open broker have no credentials otherwise,
 * and a van's first report reaches the dashboard up to a second after it is stored.
 */
export async function registerVans(system: Pick<TestSystem, 'devices'>, ...vans: string[]): Promise<void> {
  for (const van of vans)
    if (!system.devices.get(van))
      system.devices.put(van, await hashSecret(randomBytes(32).toString('base64url')), 'cli', Date.now());
}

/** A load of `profile` carried by `van` from `from` to `to` (ms) and accepted on delivery: its certificate is then issued. */
export async function carriedLoad(
  system: Pick<TestSystem, 'devices'>,
  api: ReturnType<typeof loadsApi>,
  trip: { van: string; profile: string; from: number; to: number },
): Promise<Load> {
  await registerVans(system, trip.van);
  const load = await api.create(loadInput({ van: trip.van, profile: trip.profile }));
  await api.mark(load.id, { type: 'picked-up', at: trip.from, by: 'driver' });
  await api.mark(load.id, {
    type: 'delivered',
    at: trip.to,
    by: 'association',
    reception: { accepted: true },
  });
  return load;
}
