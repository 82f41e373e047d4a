/** After the last publish, how long a system is given to store what it acknowledged, ms (issue 14). */
export const LOST_AFTER_MS = 10_000;

/** Whether to stop waiting: everything acknowledged is stored, or LOST_AFTER_MS passed since the last publish. */
export function settled(s: {
  acknowledged: number;
  stored: number;
  lastPublishAt: number;
  now: number;
}): boolean {
  return s.stored >= s.acknowledged || s.now - s.lastPublishAt >= LOST_AFTER_MS;
}

/** Readings acknowledged to the vans that the store does not have (a store may hold more: a PUBACK lost in flight). */
export function lostReadings(acknowledged: number, stored: number): number {
  return Math.max(0, acknowledged - stored);
}

/** Readings stored per second, from the first publish to the moment the last of them was counted (epoch ms). */
export function readingsPerSecond(stored: number, firstPublishAt: number, lastStoredAt: number): number {
  const seconds = (lastStoredAt - firstPublishAt) / 1000;
  return seconds > 0 ? stored / seconds : 0;
}
