import type { AlertEpisode } from '../alert-episode.ts';
import type { AlertKind } from '../messages.ts';

/** Kinds that are one breach of the limit seen by different rules (a warm compartment). */
export const BREACH_KINDS: ReadonlySet<AlertKind> = new Set<AlertKind>(['excursion', 'severe', 'cumulative']);

/** An episode's cause: the first episode of its breach; its own id when it opened it. */
export const causeOf = (e: Pick<AlertEpisode, 'id' | 'cause'>): string => e.cause ?? e.id;

/** The kinds that last as long as the warm air does: a cause is anchored on them. */
const SPELL_KINDS: ReadonlySet<AlertKind> = new Set<AlertKind>(['excursion', 'severe']);

/**
 * The cause a new episode joins (issue 12): a breach kind raised on a compartment where an
 * excursion or severe episode is still unresolved belongs to that one's cause — the same warm
 * air, judged by another rule — so a driver or a coordinator acknowledges it once. A
 * cumulative episode stays open for the whole load, so it never anchors a later breach: that
 * one is a new cause. Anything else is its own cause. `unresolved`: unresolved episodes.
 */
export function joinedCause(
  e: Pick<AlertEpisode, 'van' | 'compartment' | 'kind'>,
  unresolved: Iterable<AlertEpisode>,
): AlertEpisode | undefined {
  if (!BREACH_KINDS.has(e.kind) || e.compartment === null) return undefined;
  let first: AlertEpisode | undefined;
  for (const other of unresolved) {
    if (other.van !== e.van || other.compartment !== e.compartment || !SPELL_KINDS.has(other.kind)) continue;
    if (other.state === 'resolved') continue;
    if (!first || other.startedAt < first.startedAt) first = other;
  }
  return first;
}
