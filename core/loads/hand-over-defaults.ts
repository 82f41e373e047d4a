import type { LoadInput } from './load.ts';

/** Minutes out of refrigeration at each hand-over, as the driver's form proposes them. */
export interface HandOverDefault {
  /** Donor's back room → van. */
  atDonor: number;
  /** Van → the charity's fridge. */
  atCharity: number;
}

export interface HandOverDefaults {
  /** Any donor the table does not name. */
  network: HandOverDefault;
  /** Donors whose hand-over is known to differ (a loading bay next to the cold room, a long trolley run). */
  donors: readonly ({ name: string } & Partial<HandOverDefault>)[];
}

/**
 * The network's defaults: 10 minutes at each end, for a trolley run from a supermarket's back
 * room to the van and from the van to a charity's fridge. No regulation gives a figure: it is
 * the network's own estimate, erring long, so that a driver who keeps it does not understate
 * the time out of cold. An installation edits this table (as it edits DEFAULT_PROFILES) and passes its own to
 * `defaultHandOverMinutes`; donors named here are examples to replace.
 */
export const DEFAULT_HAND_OVER: HandOverDefaults = Object.freeze({
  network: Object.freeze({ atDonor: 10, atCharity: 10 }),
  donors: Object.freeze([]),
});

/** Donor names compare as a person would type them: case, accents and spacing aside. */
const key = (name: string) =>
  name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * What the driver's form proposes for a load's hand-overs: the donor's own figure where the
 * table names the donor (each end separately), else the network's. Only a proposal: the
 * driver edits it, and time out of cold counts what was recorded, never this default.
 */
export function defaultHandOverMinutes(
  donor: Pick<LoadInput['donor'], 'name'>,
  table: HandOverDefaults = DEFAULT_HAND_OVER,
): HandOverDefault {
  const own = table.donors.find((d) => key(d.name) === key(donor.name));
  return {
    atDonor: own?.atDonor ?? table.network.atDonor,
    atCharity: own?.atCharity ?? table.network.atCharity,
  };
}
