import { describe, expect, it } from 'vitest';
import { brusselsMidnight, sameBrusselsDay } from './brussels-day.ts';

describe('Brussels calendar days', () => {
  it('gives the start and the end of a Brussels calendar day, across daylight saving', () => {
    expect(brusselsMidnight('2026-11-26')).toBe(Date.UTC(2026, 10, 25, 23, 0));
    expect(brusselsMidnight('2026-11-26', 1)).toBe(Date.UTC(2026, 10, 26, 23, 0));
    expect(brusselsMidnight('2026-07-01')).toBe(Date.UTC(2026, 5, 30, 22, 0));
    // 29 March 2026: clocks go forward at 02:00; the day starts at 00:00 +01:00.
    expect(brusselsMidnight('2026-03-29')).toBe(Date.UTC(2026, 2, 28, 23, 0));
    expect(brusselsMidnight('2026-03-29', 1)).toBe(Date.UTC(2026, 2, 29, 22, 0));
    expect(brusselsMidnight('26/11/2026')).toBeUndefined();
  });

  it('counts days in Brussels, not in UTC', () => {
    // 23:30 UTC on 1 July is 01:30 on 2 July in Brussels (UTC+2).
    expect(sameBrusselsDay(Date.UTC(2026, 6, 1, 23, 30), Date.UTC(2026, 6, 2, 8, 0))).toBe(true);
    expect(sameBrusselsDay(Date.UTC(2026, 6, 1, 21, 30), Date.UTC(2026, 6, 1, 22, 30))).toBe(false);
  });
});
