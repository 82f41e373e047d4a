import { describe, expect, it } from 'vitest';
import { bucketFor, msToWallTime, PRESET_MS, rangeFromQuery, wallTimeToMs } from './van-range.ts';

const NOW = Date.UTC(2026, 10, 26, 21, 0, 0);

describe('van page ranges', () => {
  it.each([
    ['1h', 30_000, 120],
    ['12h', 120_000, 360],
    ['24h', 300_000, 288],
    ['7d', 1_800_000, 336],
  ] as const)('%s is drawn in buckets of %i ms (%i points)', (preset, bucket, points) => {
    expect(bucketFor(PRESET_MS[preset])).toBe(bucket);
    expect(PRESET_MS[preset] / bucket).toBe(points);
  });

  it('keeps a custom range of a year under the chart’s points', () => {
    const year = 365 * 86_400_000;
    expect(year / bucketFor(year)).toBeLessThanOrEqual(400);
    expect(bucketFor(10 * 60_000)).toBe(30_000);
  });

  it('reads the range from the address, else the last 12 hours', () => {
    expect(rangeFromQuery('?range=1h', NOW)).toEqual({ choice: '1h', from: NOW - 3_600_000, to: NOW });
    expect(rangeFromQuery('?from=1000&to=2000', NOW)).toEqual({ choice: 'custom', from: 1000, to: 2000 });
    expect(rangeFromQuery('?from=2000&to=1000', NOW).choice).toBe('12h');
    expect(rangeFromQuery('?range=evil', NOW)).toEqual({ choice: '12h', from: NOW - 43_200_000, to: NOW });
  });

  it('reads datetime-local values as Brussels wall time, winter and summer', () => {
    expect(wallTimeToMs('2026-11-26T21:00')).toBe(Date.UTC(2026, 10, 26, 20, 0)); // CET, UTC+1
    expect(wallTimeToMs('2026-07-01T12:30')).toBe(Date.UTC(2026, 6, 1, 10, 30)); // CEST, UTC+2
    expect(msToWallTime(Date.UTC(2026, 10, 26, 20, 0))).toBe('2026-11-26T21:00');
    expect(msToWallTime(Date.UTC(2026, 6, 1, 10, 30))).toBe('2026-07-01T12:30');
    expect(wallTimeToMs('hier soir')).toBeUndefined();
  });

  it('takes the first of the autumn’s repeated hour, and goes round the spring’s missing one', () => {
    // 25 October 2026: 03:00 CEST becomes 02:00 CET; 02:30 happens twice.
    expect(wallTimeToMs('2026-10-25T02:30')).toBe(Date.UTC(2026, 9, 25, 0, 30));
    expect(msToWallTime(Date.UTC(2026, 9, 25, 1, 30))).toBe('2026-10-25T02:30');
    // 29 March 2026: 02:00 CET becomes 03:00 CEST; 03:30 exists once.
    expect(wallTimeToMs('2026-03-29T03:30')).toBe(Date.UTC(2026, 2, 29, 1, 30));
  });
});
