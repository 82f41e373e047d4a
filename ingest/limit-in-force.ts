import type { OnBoardLoad } from '../core/loads/loads-period.ts';
import type { LimitSource } from '../core/limit-source.ts';
import type { LimitInForce } from '../core/van-state.ts';
import type { LimitOf } from './fleet-tracker.ts';

/**
 * What each compartment shows as its limit (issue 9): the very profile the alert rules
 * follow (`limitSource`: the strictest load on board, else the configured default), with the
 * loads on board it comes from. Computed once, here, beside the rules, so no page guesses.
 */
export function limitInForce(
  limitSource: LimitSource,
  onBoardLoads: (van: string, compartment: string) => readonly OnBoardLoad[],
): LimitOf {
  return (van, compartment): LimitInForce => {
    const profile = limitSource.profileFor(van, compartment);
    const loads = onBoardLoads(van, compartment)
      .map((l) => l.id)
      .sort();
    return {
      maxCelsius: profile?.maxCelsius ?? null,
      toleranceCelsius: profile?.toleranceCelsius ?? null,
      profile: profile?.id ?? null,
      source: loads.length > 0 ? 'loads' : 'default',
      loads,
    };
  };
}
