import type { ProductProfile } from './product-profiles.ts';

/**
 * Which product profile a compartment's alerts follow right now. Until loads exist it is a
 * per-compartment default from configuration; with loads on board it is the strictest
 * profile among them (DESIGN.md §4), so the driver protects the most sensitive product.
 */
export interface LimitSource {
  /** `undefined`: nothing to protect (ambient or unknown compartment) — no temperature alerts. */
  profileFor(van: string, compartment: string): ProductProfile | undefined;
}
