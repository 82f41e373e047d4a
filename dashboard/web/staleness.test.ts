import { describe, expect, it } from 'vitest';
import { freshnessOf } from './staleness.ts';

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
});

describe('a van whose clock is off (issue 13)', () => {
  const clock = (offsetMs: number) => ({
    offsetMs,
    samplesMs: [offsetMs],
    flagged: true,
    futureReadings: 0,
    measuredAt: NOW,
  });
  it('is live when 3 h slow and speaking every minute, by its measured offset', () => {
    const slow = { online: true, lastReadingTs: NOW - 3 * 60 * MIN - 30_000, clock: clock(-3 * 60 * MIN) };
    expect(freshnessOf(slow, NOW)).toEqual({ stale: false, ageMs: 30_000 });
  });
  it('is stale when 10 min fast but silent for 6 min', () => {
    const fast = { online: true, lastReadingTs: NOW + 4 * MIN, clock: clock(10 * MIN) };
    expect(freshnessOf(fast, NOW)).toEqual({ stale: true, ageMs: 6 * MIN });
  });
});
