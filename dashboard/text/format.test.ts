import { describe, expect, it } from 'vitest';
import {
  capitalise,
  formatCelsius,
  formatCoordinates,
  formatAge,
  formatDuration,
  formatEditableNumber,
  formatInstant,
  formatLimit,
  formatPercent,
  formatReadingTime,
  formatTick,
  formatTime,
  formatWeight,
  pluralCategory,
  shout,
  zoneName,
} from './format.ts';

// The behaviour of every formatter the pages and certificates had before the catalogue
// (i18n.ts, brussels-time.ts, van-page-i18n.ts, certificate-text.ts, map-view.ts), issue 12.

describe('times: Brussels, 24-hour, whatever the machine says', () => {
  it('gives day, month, four-digit year and minute by default', () => {
    // 18:05 UTC in November is 19:05 in Brussels (UTC+1); in July 20:05 (UTC+2).
    expect(formatTime(Date.UTC(2026, 10, 26, 18, 5), 'fr')).toBe('26/11/2026 19:05');
    expect(formatTime(Date.UTC(2026, 6, 1, 18, 5), 'en')).toBe('01/07/2026, 20:05');
    // No "2:00 PM" in English.
    expect(formatTime(Date.UTC(2026, 10, 26, 13, 0), 'en')).toContain('14:00');
  });

  it('gives day and month, or the time alone, where the page makes the rest plain', () => {
    const ts = Date.UTC(2026, 10, 26, 20, 4);
    expect(formatTime(ts, 'fr', { date: 'day' })).toBe('26/11 21:04');
    expect(formatTime(ts, 'en', { date: 'day' })).toBe('26/11, 21:04');
    expect(formatTime(ts, 'en', { date: 'none' })).toBe('21:04');
    expect(formatTime(ts, 'fr', { date: 'none', seconds: true })).toBe('21:04:00');
  });

  it('shows the zone where a time is evidence, winter and summer', () => {
    expect(formatInstant(Date.UTC(2025, 0, 15, 17, 5), 'fr')).toBe('15/01/2025 18:05 UTC+1');
    expect(formatInstant(Date.UTC(2025, 6, 15, 17, 5), 'fr')).toBe('15/07/2025 19:05 UTC+2');
    expect(formatInstant(Date.UTC(2025, 6, 15, 17, 5), 'en')).toBe('15/07/2025, 19:05 CEST');
    expect(zoneName(Date.UTC(2025, 0, 15), 'fr')).toBe('UTC+1');
    expect(zoneName(Date.UTC(2025, 6, 15), 'en')).toBe('CEST');
  });

  it('writes a chart tick without English’s comma', () => {
    const ts = Date.UTC(2025, 2, 13, 8, 30);
    expect(formatTick(ts, 'en', true)).toBe('13/03 09:30');
    expect(formatTick(ts, 'fr', false)).toBe('09:30');
  });

  it('shows a reading’s time alone for today, with its date (four-digit year) before', () => {
    const now = Date.UTC(2025, 10, 26, 14, 0, 0);
    expect(formatReadingTime(Date.UTC(2025, 10, 26, 9, 5, 7), 'fr', now)).toBe('10:05:07');
    expect(formatReadingTime(Date.UTC(2025, 10, 25, 9, 5, 7), 'en', now)).toBe('25/11/2025, 10:05');
    expect(formatReadingTime(Date.UTC(2025, 10, 25, 9, 5, 7), 'fr', now)).toBe('25/11/2025 10:05');
    // 19:30 UTC in summer is 21:30 in Brussels, in English too (no "9:30 PM").
    const summer = Date.UTC(2025, 6, 1, 20, 0, 0);
    expect(formatReadingTime(Date.UTC(2025, 6, 1, 19, 30, 0), 'en', summer)).toBe('21:30:00');
    expect(formatReadingTime(Date.UTC(2025, 6, 1, 19, 30, 0), 'fr', summer)).toBe('21:30:00');
  });
});

describe('temperatures', () => {
  it('writes a reading with one decimal, a decimal comma in French', () => {
    expect(formatCelsius(3.44, 'fr')).toBe('3,4 °C');
    expect(formatCelsius(3.44, 'en')).toBe('3.4 °C');
    expect(formatCelsius(-18, 'fr')).toBe('-18,0 °C');
    expect(formatCelsius(7, 'en')).toBe('7.0 °C');
    expect(formatCelsius(null, 'fr')).toBe('—');
  });

  it('writes the minus sign in print', () => {
    expect(formatCelsius(-18, 'fr', { minusSign: true })).toBe('\u221218,0 °C');
    expect(formatCelsius(4, 'en', { minusSign: true })).toBe('4.0 °C');
  });

  it('writes a limit without a trailing zero', () => {
    expect(formatLimit(2, 'fr')).toBe('2 °C');
    expect(formatLimit(-18, 'en')).toBe('-18 °C');
    expect(formatLimit(4.5, 'fr')).toBe('4,5 °C');
    expect(formatLimit(4.5, 'en')).toBe('4.5 °C');
  });
});

describe('durations, percentages, counts, positions', () => {
  it.each([
    [30_000, '30 s'],
    [1_000, '1 s'],
    [0, '0 min'],
    [5 * 60_000, '5 min'],
    [125 * 60_000, '2 h 05 min'],
  ])('says %i ms as "%s"', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  const MIN = 60_000;
  it.each([
    [20_000, 'il y a moins d’une minute', 'less than a minute ago'],
    [12 * MIN + 59_000, 'il y a 12 min', '12 min ago'],
    [125 * MIN, 'il y a 2 h 05', '2 h 05 ago'],
    [26 * 60 * MIN, 'il y a 1 jour', '1 day ago'],
    [3 * 24 * 60 * MIN, 'il y a 3 jours', '3 days ago'],
  ])('says how long ago %d ms was: « %s », "%s"', (ms, fr, en) => {
    expect(formatAge(ms, 'fr')).toBe(fr);
    expect(formatAge(ms, 'en')).toBe(en);
  });

  it('writes weights with the language’s grouping and decimals, and as a form takes them back', () => {
    expect(formatWeight(1250, 'fr')).toMatch(/^1\s250 kg$/u);
    expect(formatWeight(1250, 'en')).toBe('1,250 kg');
    expect(formatWeight(12.5, 'fr')).toBe('12,5 kg');
    expect(formatEditableNumber(1250.25, 'fr')).toBe('1250,25');
    expect(formatEditableNumber(12.5, 'en')).toBe('12.5');
  });

  it('writes battery as a whole percentage', () => {
    expect(formatPercent(87.4, 'en')).toBe('87%');
    expect(formatPercent(87.4, 'fr')).toMatch(/^87\s%$/u);
  });

  it('puts 0 and 1 in the singular in French, only 1 in English', () => {
    expect([0, 1, 2].map((n) => pluralCategory(n, 'fr'))).toEqual(['one', 'one', 'other']);
    expect([0, 1, 2].map((n) => pluralCategory(n, 'en'))).toEqual(['other', 'one', 'other']);
  });

  it('writes degrees as each language does, with the hemisphere', () => {
    expect(formatCoordinates({ lat: 50.4542, lon: 3.9523 }, 'fr')).toBe('50,4542° N · 3,9523° E');
    expect(formatCoordinates({ lat: 50.4542, lon: -0.1 }, 'en')).toBe('50.4542° N, 0.1000° W');
    expect(formatCoordinates({ lat: -1, lon: -2 }, 'fr')).toBe('1,0000° S · 2,0000° O');
  });

  it('makes labels and headlines of the catalogue’s words', () => {
    expect(capitalise('réfrigéré', 'fr')).toBe('Réfrigéré');
    expect(shout('données incomplètes', 'fr')).toBe('DONNÉES INCOMPLÈTES');
  });
});
