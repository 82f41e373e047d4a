import { describe, expect, it } from 'vitest';
import { actorText, formatCelsius, formatDuration, formatInstant } from './certificate-text.ts';

describe('certificate words (issue 12)', () => {
  it.each([
    [30_000, '30 s'],
    [1_000, '1 s'],
    [0, '0 min'],
    [5 * 60_000, '5 min'],
    [125 * 60_000, '2 h 05 min'],
  ])('says %i ms as "%s"', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('gives a time in Brussels, 24 h, with its zone, winter and summer', () => {
    expect(formatInstant(Date.UTC(2025, 0, 15, 17, 5), 'fr')).toBe('15/01/2025 18:05 UTC+1');
    expect(formatInstant(Date.UTC(2025, 6, 15, 17, 5), 'fr')).toBe('15/07/2025 19:05 UTC+2');
    expect(formatInstant(Date.UTC(2025, 6, 15, 17, 5), 'en')).toBe('15/07/2025, 19:05 CEST');
  });

  it('writes a temperature below zero with the minus sign', () => {
    expect(formatCelsius(-18, 'fr')).toBe('\u221218,0 °C');
    expect(formatCelsius(4, 'en')).toBe('4.0 °C');
  });

  it('names the van’s cab and driver in words, and a person as they are', () => {
    expect(actorText('cab:VAN-01', 'fr')).toBe('l’écran de cabine de VAN-01');
    expect(actorText('driver:VAN-01', 'en')).toBe('VAN-01’s driver');
    expect(actorText('Marie', 'fr')).toBe('Marie');
  });
});
