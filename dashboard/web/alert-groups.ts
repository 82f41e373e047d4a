import type { Acknowledgement, AlertEpisode } from '../../core/alert-episode.ts';
import { causeOf } from '../../core/alerts/alert-causes.ts';
import { isEscalated } from '../../core/alerts/alert-lifecycle.ts';
import type { AlertSeverity } from '../../core/messages.ts';
import type { AlertLogFilter } from '../../core/api/alerts.ts';

/**
 * The alert log's groups (issue 12): the episodes of one cause (excursion, severe and
 * cumulative of one breach, core/alerts/alert-causes.ts) shown and acknowledged together.
 * Pure of the DOM.
 */
export interface AlertGroup {
  cause: string;
  van: string;
  compartment: string | null;
  /** The episode that opened the cause first, then the others oldest first. */
  members: AlertEpisode[];
  severity: AlertSeverity;
  startedAt: number;
  state: GroupState;
  /** The acknowledgement of the cause: the earliest of its members'; `null` while none. */
  acknowledgement: Acknowledgement | null;
  /** Members nobody acknowledged yet. */
  pending: AlertEpisode[];
}

/**
 * What a person should read first: `escalated` (passed to the coordinators, nobody acted)
 * outranks `open` (ongoing, not acknowledged); `acknowledged` is ongoing with an action on
 * record; `resolved` is over.
 */
export type GroupState = 'escalated' | 'open' | 'acknowledged' | 'resolved';

export function groupState(members: readonly AlertEpisode[]): GroupState {
  const pending = members.filter((m) => m.acknowledgement === null);
  if (pending.some(isEscalated)) return 'escalated';
  if (pending.some((m) => m.state !== 'resolved')) return 'open';
  return members.every((m) => m.state === 'resolved') ? 'resolved' : 'acknowledged';
}

/** Groups by cause; the newest cause first (by its first start), then by cause id. */
export function groupByCause(episodes: Iterable<AlertEpisode>): AlertGroup[] {
  const byCause = new Map<string, AlertEpisode[]>();
  for (const e of episodes) {
    const cause = causeOf(e);
    const list = byCause.get(cause);
    if (list) list.push(e);
    else byCause.set(cause, [e]);
  }
  const groups: AlertGroup[] = [];
  for (const [cause, list] of byCause) {
    // The episode that opened the cause first (it names the group), then the others as they began.
    const members = [...list].sort(
      (a, b) =>
        Number(b.id === cause) - Number(a.id === cause) ||
        a.startedAt - b.startedAt ||
        (a.id < b.id ? -1 : 1),
    );
    const first = members[0]!;
    const acks = members.flatMap((m) => (m.acknowledgement ? [m.acknowledgement] : []));
    groups.push({
      cause,
      van: first.van,
      compartment: first.compartment,
      members,
      severity: members.some((m) => m.severity === 'critical') ? 'critical' : 'warning',
      startedAt: first.startedAt,
      state: groupState(members),
      acknowledgement: acks.sort((a, b) => a.at - b.at)[0] ?? null,
      pending: members.filter((m) => m.acknowledgement === null),
    });
  }
  return groups.sort((a, b) => b.startedAt - a.startedAt || (a.cause < b.cause ? -1 : 1));
}

/**
 * The members one acknowledgement of the group is sent to, in order. The server acknowledges
 * every *unresolved* episode of the cause with the first (alert-engine.ts); a member already
 * resolved is not covered, so the page sends it the same acknowledgement afterwards — the
 * person acts once for the whole group.
 */
export function ackTargets(group: AlertGroup): AlertEpisode[] {
  const unresolved = group.pending.filter((m) => m.state !== 'resolved');
  const resolved = group.pending.filter((m) => m.state === 'resolved');
  return [...unresolved, ...resolved];
}

/** The log's filters, as `GET /api/alerts` takes them (`from`/`to`: device time of the start, ms). */
export type AlertFilter = AlertLogFilter;

/** Whether an episode that arrives live belongs in the filtered log (as the API would answer). */
export function matchesFilter(e: AlertEpisode, f: AlertFilter): boolean {
  return (
    (f.van === undefined || e.van === f.van) &&
    (f.state === undefined || e.state === f.state) &&
    (f.severity === undefined || e.severity === f.severity) &&
    (f.kind === undefined || e.kind === f.kind) &&
    (f.from === undefined || e.startedAt >= f.from) &&
    (f.to === undefined || e.startedAt <= f.to)
  );
}
