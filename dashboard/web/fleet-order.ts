import type { AlertEpisode } from '../../core/alert-episode.ts';
import type { VanState } from '../../core/van-state.ts';

/**
 * How much a van needs the coordinator (issue 12: vans in trouble first), worst first:
 * - `critical`: an unresolved critical alert (a compartment too warm, too long or far too
 *   warm), acknowledged or not — acknowledged, it is still warm air around food;
 * - `warning`: an unresolved warning (door open too long, recorder silent, offline by its
 *   last will, battery low, time-above-limit budget spent);
 * - `offline`: offline with no alert open (a van put away cleanly), its values stale;
 * - `none`.
 * Ties by van id, so a card moves only when its trouble changes. Pure of the DOM.
 */
export type Trouble = 'critical' | 'warning' | 'offline' | 'none';
export const TROUBLES: readonly Trouble[] = ['critical', 'warning', 'offline', 'none'];

export function troubleOf(
  state: Pick<VanState, 'online'>,
  alerts: readonly Pick<AlertEpisode, 'severity' | 'state'>[],
): Trouble {
  const open = alerts.filter((a) => a.state !== 'resolved');
  if (open.some((a) => a.severity === 'critical')) return 'critical';
  if (open.length > 0) return 'warning';
  return state.online === false ? 'offline' : 'none';
}

/** Vans in trouble first, then by van id (code-point order, as the server sorts them). */
export function sortFleet<T extends { van: string }>(vans: Iterable<T>, trouble: (van: T) => Trouble): T[] {
  const rank = new Map<T, number>();
  for (const v of vans) rank.set(v, TROUBLES.indexOf(trouble(v)));
  return [...rank.keys()].sort(
    (a, b) => rank.get(a)! - rank.get(b)! || (a.van < b.van ? -1 : a.van > b.van ? 1 : 0),
  );
}
