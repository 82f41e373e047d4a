import type { AlertEpisode } from '../../core/alert-episode.ts';
import type { AlertNotice } from '../../core/alerts/alert-notice.ts';

/**
 * The browser's copy of the unresolved alerts, fed by `alerts:snapshot` and
 * `alert:transition`. `seq` is the last transition seen: sent back on reconnection
 * (`auth.alertSeq`) so the server replays what was missed; a transition already seen
 * (seq not newer) is ignored. Pure of the DOM.
 */
export interface AlertFeed {
  snapshot(s: { seq: number; alerts: AlertEpisode[] }): void;
  /** Returns the episode when the notice changed something. */
  transition(n: AlertNotice): AlertEpisode | undefined;
  /**
   * An episode read from the API (an acknowledgement's answer): kept when it has seen at
   * least as much of its lifecycle as the copy here, which a live transition may have passed.
   */
  keep(a: AlertEpisode): void;
  unresolved(van?: string): AlertEpisode[];
  seq(): number | undefined;
}

export function createAlertFeed(): AlertFeed {
  const open = new Map<string, AlertEpisode>();
  let last: number | undefined;
  return {
    snapshot(s) {
      open.clear();
      for (const a of s.alerts) open.set(a.id, a);
      last = s.seq;
    },
    transition(n) {
      if (last !== undefined && n.seq <= last) return undefined;
      last = n.seq;
      if (n.episode.state === 'resolved') open.delete(n.episode.id);
      else open.set(n.episode.id, n.episode);
      return n.episode;
    },
    keep(a) {
      const had = open.get(a.id);
      if (had && had.transitions.length > a.transitions.length) return;
      if (a.state === 'resolved') open.delete(a.id);
      else open.set(a.id, a);
    },
    unresolved(van) {
      return (
        [...open.values()]
          .filter((a) => van === undefined || a.van === van)
          // Critical first, then the oldest: the first breach is usually the cause of the others.
          .sort((a, b) =>
            a.severity === b.severity ? a.startedAt - b.startedAt : a.severity === 'critical' ? -1 : 1,
          )
      );
    },
    seq: () => last,
  };
}
