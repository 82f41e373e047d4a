import { describe, expect, it } from 'vitest';
import { depotMidnight, formatDepotTime } from './brussels-time.ts';

describe('depot time (Europe/Brussels, 24-hour)', () => {
  it('formats in Brussels time whatever the machine zone, 24-hour', () => {
    // 18:05 UTC in November is 19:05 in Brussels (UTC+1); in July 20:05 (UTC+2).
    expect(formatDepotTime(Date.UTC(2026, 10, 26, 18, 5), 'fr')).toBe('26/11/2026 19:05');
    expect(formatDepotTime(Date.UTC(2026, 6, 1, 18, 5), 'en')).toBe('01/07/2026, 20:05');
    expect(formatDepotTime(Date.UTC(2026, 10, 26, 13, 0), 'en')).toContain('14:00');
  });

  it('gives the start and the end of a Brussels calendar day, across daylight saving', () => {
    expect(depotMidnight('2026-11-26')).toBe(Date.UTC(2026, 10, 25, 23, 0));
    expect(depotMidnight('2026-11-26', 1)).toBe(Date.UTC(2026, 10, 26, 23, 0));
    expect(depotMidnight('2026-07-01')).toBe(Date.UTC(2026, 5, 30, 22, 0));
    // 29 March 2026: clocks go forward at 02:00; the day starts at 00:00 +01:00.
    expect(depotMidnight('2026-03-29')).toBe(Date.UTC(2026, 2, 28, 23, 0));
    expect(depotMidnight('2026-03-29', 1)).toBe(Date.UTC(2026, 2, 29, 22, 0));
    expect(depotMidnight('26/11/2026')).toBeUndefined();
  });
});
