import { describe, expect, it } from 'vitest';
import { formatAge, freshnessOf } from './staleness.ts';

const NOW = Date.UTC(2026, 10, 26, 20, 0);
const MIN = 60_000;

describe('a van’s last values: live or stale', () => {
  it.each([
    ['online, recorded 30 s ago', true, NOW - 30_000, false, 30_000],
    ['online, silent for 5 min exactly (the longest interval)', true, NOW - 5 * MIN, false, 5 * MIN],
    ['online, silent for 6 min', true, NOW - 6 * MIN, true, 6 * MIN],
    ['offline, recorded a moment ago', false, NOW - 1_000, true, 1_000],
    ['a clock a little ahead of the viewer', true, NOW + 2_000, false, 0],
    ['no record yet', null, null, false, null],
  ] as const)('%s', (_what, online, lastReadingTs, stale, ageMs) => {
    expect(freshnessOf({ online, lastReadingTs }, NOW)).toEqual({ stale, ageMs });
  });

  it.each([
    [20_000, 'il y a moins d’une minute', 'less than a minute ago'],
    [12 * MIN + 59_000, 'il y a 12 min', '12 min ago'],
    [125 * MIN, 'il y a 2 h 05', '2 h 05 ago'],
    [26 * 60 * MIN, 'il y a 1 jour', '1 day ago'],
    [3 * 24 * 60 * MIN, 'il y a 3 jours', '3 days ago'],
  ])('%d ms: « %s », "%s"', (ms, fr, en) => {
    expect(formatAge(ms, 'fr')).toBe(fr);
    expect(formatAge(ms, 'en')).toBe(en);
  });
});
