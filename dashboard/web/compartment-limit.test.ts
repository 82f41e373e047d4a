import { describe, expect, it } from 'vitest';
import type { LimitInForce } from '../../core/van-state.ts';
import { describeLimit, warmthOf, type Warmth } from './compartment-limit.ts';

const minced: LimitInForce = {
  maxCelsius: 2,
  toleranceCelsius: null,
  profile: 'minced-meat',
  source: 'loads',
  loads: ['L-1', 'L-2'],
};
const chilledDefault: LimitInForce = {
  maxCelsius: 7,
  toleranceCelsius: null,
  profile: 'chilled',
  source: 'default',
  loads: [],
};
const frozenDefault: LimitInForce = {
  maxCelsius: -18,
  toleranceCelsius: -15,
  profile: 'frozen',
  source: 'default',
  loads: [],
};
const ambientDefault: LimitInForce = {
  maxCelsius: null,
  toleranceCelsius: null,
  profile: 'ambient',
  source: 'default',
  loads: [],
};

describe('warmthOf (same comparisons as core/alerts/compartment-rules.ts)', () => {
  it.each<[string, LimitInForce | null, number | null, Warmth]>([
    ['minced meat exactly at 2 °C', minced, 2, 'ok'],
    ['minced meat 0.1 above', minced, 2.1, 'warm'],
    ['minced meat at 3 °C', minced, 3, 'warm'],
    ['chilled default at 3 °C', chilledDefault, 3, 'ok'],
    ['chilled default exactly at 7 °C', chilledDefault, 7, 'ok'],
    ['chilled default 0.1 above', chilledDefault, 7.1, 'warm'],
    ['chilled far above stays warm (severe is the server’s call)', chilledDefault, 30, 'warm'],
    ['frozen at −19 °C', frozenDefault, -19, 'ok'],
    ['frozen exactly at −18 °C', frozenDefault, -18, 'ok'],
    ['frozen 0.1 above −18 °C', frozenDefault, -17.9, 'warm'],
    ['frozen exactly at the −15 °C tolerance', frozenDefault, -15, 'warm'],
    ['frozen 0.1 above the tolerance', frozenDefault, -14.9, 'critical'],
    ['ambient at 30 °C', ambientDefault, 30, 'ok'],
    ['no limit known yet', null, 30, 'ok'],
    ['no reading yet', minced, null, 'ok'],
  ])('%s → %s', (_case, limit, celsius, expected) => {
    expect(warmthOf(limit, celsius)).toBe(expected);
  });
});

describe('describeLimit', () => {
  it('names the strictest load’s product and how many loads are on board', () => {
    expect(describeLimit(minced, 'fr')).toBe('limite 2 °C · Viande hachée (2 chargements à bord)');
    expect(describeLimit(minced, 'en')).toBe('limit 2 °C · Minced meat (2 loads on board)');
    const one = { ...minced, loads: ['L-1'] };
    expect(describeLimit(one, 'fr')).toBe('limite 2 °C · Viande hachée (1 chargement à bord)');
    expect(describeLimit(one, 'en')).toBe('limit 2 °C · Minced meat (1 load on board)');
  });

  it('says when the limit is the compartment’s default', () => {
    expect(describeLimit(chilledDefault, 'fr')).toBe('limite 7 °C · Autres denrées réfrigérées (par défaut)');
    expect(describeLimit(chilledDefault, 'en')).toBe('limit 7 °C · Other chilled food (default)');
  });

  it('gives frozen goods their transport tolerance, with the decimal comma in French', () => {
    expect(describeLimit(frozenDefault, 'fr')).toBe(
      'limite -18 °C, tolérance -15 °C · Denrées surgelées (par défaut)',
    );
    expect(describeLimit(frozenDefault, 'en')).toBe(
      'limit -18 °C, tolerance -15 °C · Quick-frozen food (default)',
    );
    const half = { ...minced, maxCelsius: 4.5, profile: 'poultry' };
    expect(describeLimit(half, 'fr')).toBe('limite 4,5 °C · Volaille, lapin, gibier (2 chargements à bord)');
    expect(describeLimit(half, 'en')).toBe('limit 4.5 °C · Poultry, rabbit, game (2 loads on board)');
  });

  it('says there is no limit for ambient goods or a compartment without a profile', () => {
    expect(describeLimit(ambientDefault, 'fr')).toBe('sans limite · Ambiant (par défaut)');
    expect(describeLimit(ambientDefault, 'en')).toBe('no limit · Ambient (default)');
    expect(describeLimit({ ...ambientDefault, profile: null }, 'fr')).toBe('sans limite');
  });

  it('never shows a profile id it cannot name', () => {
    const custom = { ...minced, maxCelsius: 5, profile: 'house-sushi' };
    expect(describeLimit(custom, 'fr')).toBe('limite 5 °C · 2 chargements à bord');
    expect(describeLimit(custom, 'en')).toBe('limit 5 °C · 2 loads on board');
    expect(describeLimit({ ...custom, source: 'default', loads: [] }, 'fr')).toBe('limite 5 °C · par défaut');
  });
});
