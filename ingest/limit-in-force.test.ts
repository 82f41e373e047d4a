import { describe, expect, it } from 'vitest';
import { configLimitSource } from '../core/alerts/config-limit-source.ts';
import { loadsLimitSource } from '../core/loads/loads-limit-source.ts';
import { DEFAULT_PROFILES, findProfile } from '../core/product-profiles.ts';
import { limitInForce } from './limit-in-force.ts';

const profile = (id: string) => findProfile(DEFAULT_PROFILES, id)!;
const defaults = configLimitSource(
  new Map([
    ['chilled', profile('chilled')],
    ['frozen', profile('frozen')],
  ]),
);

describe('limitInForce (issue 9)', () => {
  const onBoard: Record<string, Array<{ id: string; pickedUpAt: number; profile: string }>> = {
    'VAN-01|chilled': [
      { id: 'LD-B', pickedUpAt: 2, profile: 'fresh-meat' },
      { id: 'LD-A', pickedUpAt: 1, profile: 'minced-meat' },
    ],
  };
  const loads = (van: string, c: string) => onBoard[`${van}|${c}`] ?? [];
  const limitOf = limitInForce(
    loadsLimitSource((van, c) => loads(van, c).map((l) => l.profile), DEFAULT_PROFILES, defaults),
    loads,
  );

  it('is the strictest load on board, naming the loads', () => {
    expect(limitOf('VAN-01', 'chilled')).toEqual({
      maxCelsius: 2,
      toleranceCelsius: null,
      profile: 'minced-meat',
      source: 'loads',
      loads: ['LD-A', 'LD-B'],
    });
  });

  it('is the compartment’s default with nothing on board, with the frozen tolerance', () => {
    expect(limitOf('VAN-02', 'frozen')).toMatchObject({
      maxCelsius: -18,
      toleranceCelsius: -15,
      profile: 'frozen',
      source: 'default',
      loads: [],
    });
  });

  it('is no limit for a compartment without a profile', () => {
    expect(limitOf('VAN-02', 'ambient-bay')).toEqual({
      maxCelsius: null,
      toleranceCelsius: null,
      profile: null,
      source: 'default',
      loads: [],
    });
  });
});
