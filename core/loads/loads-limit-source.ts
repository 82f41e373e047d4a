import type { LimitSource } from '../limit-source.ts';
import { findProfile, strictestProfile, type ProductProfile } from '../product-profiles.ts';

/**
 * A compartment's alerts follow the strictest limit among the loads on board (DESIGN.md §4),
 * so the driver protects the most sensitive product; with nothing on board, the configured
 * default of the compartment. Each certificate still judges its own load at its own limit.
 */
export function loadsLimitSource(
  onBoardProfiles: (van: string, compartment: string) => readonly string[],
  profiles: readonly ProductProfile[],
  fallback: LimitSource,
): LimitSource {
  // Issue 14: the load store hands out the same array until the loads change, so the strictest
  // profile is worked out once per change, not once per question. Keyed by that array: a
  // change of loads is a new array, and the old answer goes with the old one.
  const strictest = new WeakMap<readonly string[], { profile: ProductProfile | undefined }>();
  return {
    profileFor(van, compartment) {
      const ids = onBoardProfiles(van, compartment);
      if (ids.length === 0) return fallback.profileFor(van, compartment);
      let known = strictest.get(ids);
      if (!known) {
        const onBoard = ids.map((id) => findProfile(profiles, id)).filter((p) => p !== undefined);
        // Only ambient goods on board: no temperature limit to protect.
        known = { profile: strictestProfile(onBoard) };
        strictest.set(ids, known);
      }
      return known.profile;
    },
  };
}
