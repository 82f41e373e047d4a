import { describe, expect, it } from 'vitest';
import {
  compartmentLabel,
  formatLimit,
  formatPercent,
  formatReadingTime,
  formatTemperature,
  pickLanguage,
  pluralCategory,
} from './i18n.ts';

describe('pickLanguage', () => {
  it.each([
    ['', null, 'fr'],
    ['', 'en', 'en'],
    ['?lang=en', null, 'en'],
    ['?lang=fr', 'en', 'fr'],
    ['?lang=de', 'en', 'en'],
    ['', 'klingon', 'fr'],
  ])('search %j, stored %j → %s', (search, stored, expected) => {
    expect(pickLanguage(search, stored)).toBe(expected);
  });
});

describe('formatting', () => {
  it('writes temperatures with one decimal, a decimal comma in French', () => {
    expect(formatTemperature(3.44, 'fr')).toBe('3,4 °C');
    expect(formatTemperature(3.44, 'en')).toBe('3.4 °C');
    expect(formatTemperature(-18, 'fr')).toBe('-18,0 °C');
    expect(formatTemperature(7, 'en')).toBe('7.0 °C');
  });

  it('names known compartments and falls back to the id', () => {
    expect(compartmentLabel('chilled', 'fr')).toBe('Réfrigéré');
    expect(compartmentLabel('frozen', 'en')).toBe('Frozen');
    expect(compartmentLabel('rear-2', 'fr')).toBe('rear-2');
  });

  it('writes battery as a whole percentage', () => {
    expect(formatPercent(87.4, 'en')).toBe('87%');
    expect(formatPercent(87.4, 'fr')).toMatch(/^87\s%$/u);
  });

  it('shows the time alone for today and the date for older readings', () => {
    const now = Date.UTC(2025, 10, 26, 14, 0, 0);
    expect(formatReadingTime(Date.UTC(2025, 10, 26, 9, 5, 7), 'fr', now, 'Europe/Brussels')).toBe('10:05:07');
    expect(formatReadingTime(Date.UTC(2025, 10, 25, 9, 5, 7), 'en', now, 'Europe/Brussels')).toBe(
      '25/11/2025, 10:05',
    );
  });

  it('shows Brussels time, 24-hour, whatever the viewer’s device is set to', () => {
    const now = Date.UTC(2025, 6, 1, 20, 0, 0);
    // 19:30 UTC in summer is 21:30 in Brussels, in English too (no "9:30 PM").
    expect(formatReadingTime(Date.UTC(2025, 6, 1, 19, 30, 0), 'en', now)).toBe('21:30:00');
    expect(formatReadingTime(Date.UTC(2025, 6, 1, 19, 30, 0), 'fr', now)).toBe('21:30:00');
  });
});

// The warm highlight against the limit in force is tested in compartment-limit.test.ts.
describe('limits and counts', () => {
  it('writes a limit without a trailing zero, a decimal comma in French', () => {
    expect(formatLimit(2, 'fr')).toBe('2 °C');
    expect(formatLimit(-18, 'en')).toBe('-18 °C');
    expect(formatLimit(4.5, 'fr')).toBe('4,5 °C');
    expect(formatLimit(4.5, 'en')).toBe('4.5 °C');
  });

  it('puts 0 and 1 in the singular in French, only 1 in English', () => {
    expect([0, 1, 2].map((n) => pluralCategory(n, 'fr'))).toEqual(['one', 'one', 'other']);
    expect([0, 1, 2].map((n) => pluralCategory(n, 'en'))).toEqual(['other', 'one', 'other']);
  });
});
