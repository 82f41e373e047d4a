import type { AlertEpisode } from '../../core/alert-episode.ts';

/** The three moments of an alert a coordinator reads on a chart. */
export type MarkerKind = 'open' | 'acknowledged' | 'resolved';

export interface AlertMarker {
  /** ms since 1970 UTC. */
  at: number;
  kind: MarkerKind;
  alert: AlertEpisode;
}

const KINDS: ReadonlySet<string> = new Set<MarkerKind>(['open', 'acknowledged', 'resolved']);

/**
 * The markers of one compartment's chart over `[from, to)`: where its alerts opened, were
 * acknowledged and resolved, from their kept transitions. Alerts of the whole van (offline,
 * low battery: `compartment: null`) are marked on every chart. Sorted by time. Pure.
 */
export function alertMarkers(
  alerts: readonly AlertEpisode[],
  compartment: string,
  from: number,
  to: number,
): AlertMarker[] {
  const out: AlertMarker[] = [];
  for (const alert of alerts) {
    if (alert.compartment !== null && alert.compartment !== compartment) continue;
    for (const t of alert.transitions)
      if (KINDS.has(t.to) && t.at >= from && t.at < to)
        out.push({ at: t.at, kind: t.to as MarkerKind, alert });
  }
  return out.sort((a, b) => a.at - b.at);
}
