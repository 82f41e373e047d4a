import type { LimitSource } from '../limit-source.ts';
import { findProfile, type ProductProfile } from '../product-profiles.ts';

/** The default mapping, compartment id → product profile id (GIVRE_COMPARTMENT_PROFILES). */
export const DEFAULT_COMPARTMENT_PROFILES = 'chilled=chilled,frozen=frozen';

/**
 * Parses `chilled=chilled,frozen=frozen` into compartment → profile. Throws with a message
 * naming the bad entry; config.ts turns it into the one start-up line.
 */
export function parseCompartmentProfiles(
  spec: string,
  profiles: readonly ProductProfile[],
): Map<string, ProductProfile> {
  const map = new Map<string, ProductProfile>();
  for (const entry of spec
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const match = /^([a-z0-9][a-z0-9_-]{0,31})=([a-z0-9-]{1,40})$/.exec(entry);
    if (!match) throw new Error(`"${entry}" is not compartment=profile`);
    const profile = findProfile(profiles, match[2]!);
    if (!profile)
      throw new Error(`unknown profile "${match[2]}" (known: ${profiles.map((p) => p.id).join(', ')})`);
    map.set(match[1]!, profile);
  }
  return map;
}

/**
 * Until loads exist (issue 6), each compartment alerts at a configured default profile. An
 * unlisted compartment has no limit (no temperature alerts) — an operator adds it to the list.
 */
export function configLimitSource(byCompartment: ReadonlyMap<string, ProductProfile>): LimitSource {
  return { profileFor: (_van, compartment) => byCompartment.get(compartment) };
}
