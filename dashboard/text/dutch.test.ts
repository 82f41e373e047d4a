import { describe, expect, it } from 'vitest';
import { DEFAULT_PROFILES } from '../../core/product-profiles.ts';
import { compartmentName } from './code-words.ts';
import {
  capitalise,
  formatAge,
  formatCelsius,
  formatCoordinates,
  formatEditableNumber,
  formatInstant,
  formatLimit,
  formatPercent,
  formatTick,
  formatTime,
  formatWeight,
  pluralCategory,
  shout,
} from './format.ts';
import { LANGUAGE_NAME, LANGS } from './lang.ts';
import { legalSourceIn } from './legal-source.ts';
import { DUTCH_PRODUCT_IDS, productNameIn } from './product-name.ts';

/** Issue 16: Dutch as Belgium writes it — nl-BE dates and numbers, Brussels time, °C. */
describe('Dutch formats (nl-BE)', () => {
  it('gives times in Brussels on a 24-hour clock, day before month, with the zone as evidence', () => {
    // 18:05 UTC in November is 19:05 in Brussels (UTC+1); in July 20:05 (UTC+2).
    expect(formatTime(Date.UTC(2026, 10, 26, 18, 5), 'nl')).toBe('26/11/2026, 19:05');
    expect(formatTime(Date.UTC(2026, 10, 26, 13, 0), 'nl')).toContain('14:00');
    expect(formatInstant(Date.UTC(2026, 6, 1, 18, 5), 'nl')).toBe('01/07/2026, 20:05 CEST');
    expect(formatTick(Date.UTC(2026, 10, 26, 18, 5), 'nl', true)).toBe('26/11 19:05');
  });

  it('writes the decimal comma, the dot between thousands and °C', () => {
    expect(formatCelsius(3.44, 'nl')).toBe('3,4 °C');
    expect(formatCelsius(-18, 'nl', { minusSign: true })).toBe('\u221218,0 °C');
    expect(formatLimit(4.5, 'nl')).toBe('4,5 °C');
    expect(formatWeight(1250.5, 'nl')).toBe('1.250,5 kg');
    expect(formatEditableNumber(1250.5, 'nl')).toBe('1250,5');
    expect(formatPercent(87, 'nl')).toBe('87%');
    expect(formatCoordinates({ lat: 50.45421, lon: 3.95231 }, 'nl')).toBe('50,4542° N · 3,9523° O');
    expect(formatCoordinates({ lat: -1, lon: -2 }, 'nl')).toBe('1,0000° Z · 2,0000° W');
  });

  it('counts as Dutch does: only 1 in the singular', () => {
    expect([0, 1, 2].map((n) => pluralCategory(n, 'nl'))).toEqual(['other', 'one', 'other']);
    expect(formatAge(30_000, 'nl')).toBe('minder dan een minuut geleden');
    expect(formatAge(12 * 60_000, 'nl')).toBe('12 min geleden');
    expect(formatAge(125 * 60_000, 'nl')).toBe('2 u 05 geleden');
    expect(formatAge(26 * 3_600_000, 'nl')).toBe('1 dag geleden');
    expect(formatAge(50 * 3_600_000, 'nl')).toBe('2 dagen geleden');
  });

  it('names compartments and verdicts in Dutch words', () => {
    expect(compartmentName('chilled', 'nl')).toBe('gekoeld');
    expect(compartmentName('frozen', 'nl', 'label')).toBe('Diepgevroren');
    expect(capitalise('koelwagen', 'nl')).toBe('Koelwagen');
    expect(shout('niet conform', 'nl')).toBe('NIET CONFORM');
  });
});

describe('product names and legal sources in Dutch', () => {
  it('names every default product in Dutch, other than its French and English names', () => {
    expect([...DUTCH_PRODUCT_IDS].sort()).toEqual(DEFAULT_PROFILES.map((p) => p.id).sort());
    for (const p of DEFAULT_PROFILES) {
      const nl = productNameIn(p, 'nl');
      expect(nl, p.id).not.toBe(p.name.fr);
      expect(nl, p.id).not.toBe(p.name.en);
      expect(productNameIn(p, 'fr')).toBe(p.name.fr);
      expect(productNameIn(p, 'en')).toBe(p.name.en);
    }
    expect(
      productNameIn(
        DEFAULT_PROFILES.find((p) => p.id === 'minced-meat')!,
        'nl',
      ),
    ).toBe('Gehakt vlees');
  });

  it('names an installation’s own profile, which has no Dutch name, in English', () => {
    const own = { id: 'soup', name: { fr: 'Soupe', en: 'Soup' } };
    expect(productNameIn(own, 'nl')).toBe('Soup');
  });

  it('cites the texts as the Publicatieblad and the Belgisch Staatsblad name them', () => {
    expect(legalSourceIn('Reg. (EC) 853/2004 Annex III section V', 'nl')).toBe(
      'Verord. (EG) 853/2004, bijlage III, sectie V',
    );
    expect(legalSourceIn('Directive 89/108/EEC; Reg. (EC) 37/2005', 'nl')).toBe(
      'richtlijn 89/108/EEG; Verord. (EG) 37/2005',
    );
    expect(legalSourceIn('AFSCA/FAVV, Royal Decree of 13 July 2014, Annex IV', 'nl')).toBe(
      'AFSCA/FAVV, koninklijk besluit van 13 juli 2014, bijlage IV',
    );
    expect(legalSourceIn('ATP Annex 3 (or the temperature on the label)', 'nl')).toBe(
      'ATP, bijlage 3 (of de temperatuur op het etiket)',
    );
    for (const p of DEFAULT_PROFILES)
      expect(legalSourceIn(p.legalSource, 'nl')).not.toMatch(/Annex|Reg\.|EEC|Decree/);
  });

  it('offers each language under its own name', () => {
    expect(LANGS.map((l) => LANGUAGE_NAME[l])).toEqual(['Français', 'English', 'Nederlands']);
  });
});
