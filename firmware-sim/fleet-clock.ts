/**
 * The simulated fleet's clock (issue 10, 8): device time starts at the wall time `epochWallMs`
 * and runs `speed` times faster, as each simulated van's recorder does from its boot. The
 * demo stamps people's actions (pickups, deliveries, acknowledgements) with it, so that a
 * load picked up during a simulated failure is judged against the records of that failure.
 * Taken just before the vans boot, it is never behind any of them.
 */
export function fleetClock(
  epochWallMs: number,
  speed: number,
  wallNow: () => number = Date.now,
): () => number {
  return () => Math.round(epochWallMs + (wallNow() - epochWallMs) * speed);
}
