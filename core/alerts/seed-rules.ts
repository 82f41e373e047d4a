import type { AlertEpisode } from '../alert-episode.ts';
import { MAX_BOOTS, type SeqTrack } from '../gaps/seq-gaps.ts';
import { emptyCompartmentRules } from './compartment-rules.ts';
import { addRanges } from './seq-ranges.ts';
import type { VanRuleState } from './van-rules.ts';

/**
 * After a restart the rules know no reading yet, but the state store knows which ones were
 * stored (the van's seq track, written in the same transaction as the alert transitions their
 * judgement made): those were judged. Without this, the first message after the restart set the
 * rules' frontier, and a van's backlog arriving after a newer live message (a broker drains a
 * persistent session while it routes live messages) was judged as late, message by message, so
 * a breach spread over several of them never lasted long enough to raise. With it, the live
 * message waits for the backlog's numbers (the reorder hold) and all is judged in recording
 * order. Readings held for a hole when ingest stopped were acknowledged and are not judged
 * again (as before: their messages are not redelivered).
 */
export function seedFromTrack(state: VanRuleState, track: SeqTrack): VanRuleState {
  const stored: Array<[number, number]> = [];
  let from = track.low;
  for (const g of [...track.gaps].sort((a, b) => a.first - b.first)) {
    if (g.first > from) stored.push([from, Math.min(g.first - 1, track.high)]);
    from = Math.max(from, g.last + 1);
  }
  if (from <= track.high) stored.push([from, track.high]);
  const boots = [...new Set([...state.boots, ...track.boots])].slice(-MAX_BOOTS);
  return { ...state, judged: addRanges(state.judged, stored), boots };
}

/**
 * After a restart the rules start empty but some episodes are still open in the store: this
 * puts each rule back in its "raised" state, so the condition clearing resolves the episode
 * and the condition persisting does not raise a second one.
 */
export function seedFromEpisode(state: VanRuleState, ep: AlertEpisode): VanRuleState {
  if (ep.compartment === null) {
    if (ep.kind === 'van-offline') return { ...state, online: false, offlineSince: ep.startedAt };
    if (ep.kind === 'low-battery') return { ...state, lowBatterySince: ep.startedAt };
    if (ep.kind === 'recorder-silent') return { ...state, silentSince: ep.startedAt };
    return state;
  }
  const c = state.compartments[ep.compartment] ?? emptyCompartmentRules(ep.compartment);
  const seeded = (() => {
    switch (ep.kind) {
      case 'excursion':
      case 'severe':
      case 'cumulative':
      case 'recorder-silent':
        // Which sensor raised it is not stored: every sensor seen next starts raised, and the
        // episode clears when all of them have cleared (compartment-rules.ts).
        return {
          ...c,
          held: {
            ...c.held,
            [ep.kind]: { startedAt: ep.startedAt, peak: ep.peak, sensors: [], seeded: true },
          },
        };
      case 'door-open':
        return { ...c, door: { lastTs: null, openSince: ep.startedAt, raised: true } };
      default:
        return c;
    }
  })();
  return { ...state, compartments: { ...state.compartments, [ep.compartment]: seeded } };
}
