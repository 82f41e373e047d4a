import { z } from 'zod';
import { AlertEpisode } from '../../core/alert-episode.ts';
import { VanState } from '../../core/van-state.ts';

/**
 * The driver page's last known state (issue 15): what it drew last, kept on the phone so that
 * the app opened with no network shows it, with its age, until the live connection is back.
 * One snapshot only, of the last van shown — the one piece of the driver's data the phone
 * keeps (the service worker caches no API answer). Read back through the same schemas the
 * server writes by: a copy from an older build that no longer fits is forgotten, not drawn.
 */
export const DriverSnapshot = z.strictObject({
  van: z.string(),
  state: VanState.optional(),
  alerts: z.array(AlertEpisode),
  /** ms since the epoch, when the page last heard from the server. */
  savedAt: z.number(),
});
export type DriverSnapshot = z.infer<typeof DriverSnapshot>;

const KEY = 'givre.driver.snapshot';

/** The last snapshot, if it is of `van` (any van when unset: the app opened on `/driver`). */
export function readSnapshot(van?: string): DriverSnapshot | null {
  try {
    const parsed = DriverSnapshot.safeParse(JSON.parse(localStorage.getItem(KEY) ?? 'null'));
    if (!parsed.success || (van !== undefined && parsed.data.van !== van)) return null;
    return parsed.data;
  } catch {
    return null; // storage disabled (private browsing) or not JSON
  }
}

export function writeSnapshot(snapshot: DriverSnapshot): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(snapshot));
  } catch {
    // Storage full or disabled: the page still works, it only cannot open offline.
  }
}

/** On sign-out, so that the next person on this phone does not see the last van. */
export function forgetSnapshot(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // nothing kept
  }
}
