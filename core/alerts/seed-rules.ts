import type { AlertEpisode } from '../alert-episode.ts';
import { emptyCompartmentRules } from './compartment-rules.ts';
import type { VanRuleState } from './van-rules.ts';

/**
 * After a restart the rules start empty but some episodes are still open in the store: this
 * puts each rule back in its "raised" state, so the condition clearing resolves the episode
 * and the condition persisting does not raise a second one.
 */
export function seedFromEpisode(state: VanRuleState, ep: AlertEpisode): VanRuleState {
  const spell = { since: ep.startedAt, coolSince: null, raised: true, peak: ep.peak };
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
        return { ...c, excursion: spell };
      case 'severe':
        return { ...c, severe: spell };
      case 'cumulative':
        return {
          ...c,
          cumulative: { ...c.cumulative, raised: true, firstAboveAt: ep.startedAt, peak: ep.peak },
        };
      case 'door-open':
        return { ...c, door: { lastTs: null, openSince: ep.startedAt, raised: true } };
      case 'recorder-silent':
        return { ...c, silentSince: ep.startedAt, lastTempTs: ep.startedAt };
      default:
        return c;
    }
  })();
  return { ...state, compartments: { ...state.compartments, [ep.compartment]: seeded } };
}
