// When a run's counting stops and what its counts mean (issue 14). Every system is held to the
// same rules: a system that acknowledges on receipt and then falls behind (the peer: Mosquitto
// PUBACKs the van before Node-RED has anything) told its vans "received" for readings it had
// not stored, and what it has not stored 10 s after the last publish is lost by the issue's
// rule; the store is still counted after that, so that a reader can tell readings stored late
// from readings never stored, and so that the throughput is what the system sustained into its
// store, not what its broker took in.

/** After the last publish, how long a system is given to store what it acknowledged, ms (issue 14). */
export const LOST_AFTER_MS = 10_000;

/** After the last publish, the longest the store is still counted for readings arriving late, ms. */
export const LATE_UNTIL_MS = 120_000;

/**
 * Past LOST_AFTER_MS, the store is taken to have stopped once its count held still this long,
 * ms: as long as the deadline itself, well beyond the peer's 1 s batches.
 */
export const STILL_FOR_MS = 10_000;

/** The lost deadline: everything acknowledged is stored, or LOST_AFTER_MS passed since the last publish (epoch ms). */
export function settled(s: {
  acknowledged: number;
  stored: number;
  lastPublishAt: number;
  now: number;
}): boolean {
  return s.stored >= s.acknowledged || s.now - s.lastPublishAt >= LOST_AFTER_MS;
}

/**
 * Whether to stop counting: everything acknowledged is stored; or, past the lost deadline, the
 * count has not grown for STILL_FOR_MS (`lastGrewAt`: when it last changed, the last publish
 * if it never did); or LATE_UNTIL_MS passed since the last publish. Epoch ms.
 */
export function drained(s: {
  acknowledged: number;
  stored: number;
  lastPublishAt: number;
  lastGrewAt: number;
  now: number;
}): boolean {
  const sincePublish = s.now - s.lastPublishAt;
  return (
    s.stored >= s.acknowledged ||
    sincePublish >= LATE_UNTIL_MS ||
    (sincePublish >= LOST_AFTER_MS && s.now - s.lastGrewAt >= STILL_FOR_MS)
  );
}

/** Readings acknowledged to the vans that the store does not have (a store may hold more: a PUBACK lost in flight). */
export function lostReadings(acknowledged: number, stored: number): number {
  return Math.max(0, acknowledged - stored);
}

/** What became of the readings the vans were told were received. */
export interface Account {
  /** Acknowledged and not in the store at the lost deadline (LOST_AFTER_MS). */
  lost: number;
  /** Of those lost, how many the store had when counting stopped. */
  late: number;
  /** Of those lost, how many it still lacked then (`lost - late`): never stored, as far as the bench waited. */
  missing: number;
}

/** `storedByDeadline`: the count at the lost deadline; `storedAtEnd`: when counting stopped. */
export function account(acknowledged: number, storedByDeadline: number, storedAtEnd: number): Account {
  const lost = lostReadings(acknowledged, storedByDeadline);
  const late = Math.min(lost, Math.max(0, storedAtEnd - storedByDeadline));
  return { lost, late, missing: lost - late };
}

/**
 * Throughput into the store: `stored` over the time from the first publish to the moment the
 * last of them was counted (`lastStoredAt`, late ones included; undefined if the store never
 * had any), epoch ms. A run that stored nothing took 0 s and stored 0 per second; a clock that
 * went backwards gives 0 s, never a negative time.
 */
export function storeRate(
  stored: number,
  firstPublishAt: number,
  lastStoredAt: number | undefined,
): { seconds: number; perSecond: number } {
  if (stored <= 0 || lastStoredAt === undefined) return { seconds: 0, perSecond: 0 };
  const seconds = Math.max(0, (lastStoredAt - firstPublishAt) / 1000);
  return { seconds, perSecond: seconds > 0 ? stored / seconds : 0 };
}
