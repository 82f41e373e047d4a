import type { AlertEpisode } from '../alert-episode.ts';
import { emptyCompartmentRules } from './compartment-rules.ts';
import type { VanRuleState } from './van-rules.ts';

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
