import { describe, expect, it } from 'vitest';
import { LOST_AFTER_MS, lostReadings, readingsPerSecond, settled } from './settle.ts';

describe('lost readings', () => {
  it.each([
    [1000, 1000, 0],
    [1000, 990, 10],
    // A PUBACK lost in flight: stored, never acknowledged. Nothing lost.
    [1000, 1016, 0],
  ])('acknowledged %i, stored %i: %i lost', (acknowledged, stored, lost) =>
    expect(lostReadings(acknowledged, stored)).toBe(lost),
  );
});

describe('when to stop waiting', () => {
  const lastPublishAt = 1_000_000;
  it('stops once everything acknowledged is stored', () =>
    expect(settled({ acknowledged: 10, stored: 10, lastPublishAt, now: lastPublishAt + 1 })).toBe(true));
  it('waits for what is missing, until 10 s after the last publish', () => {
    expect(
      settled({ acknowledged: 10, stored: 9, lastPublishAt, now: lastPublishAt + LOST_AFTER_MS - 1 }),
    ).toBe(false);
    expect(settled({ acknowledged: 10, stored: 9, lastPublishAt, now: lastPublishAt + LOST_AFTER_MS })).toBe(
      true,
    );
    expect(LOST_AFTER_MS).toBe(10_000);
  });
});

describe('throughput', () => {
  it('is readings stored over the time from the first publish to the last reading stored', () =>
    expect(readingsPerSecond(50_000, 1_000, 11_000)).toBe(5_000));
  it('of no time is none', () => expect(readingsPerSecond(10, 5, 5)).toBe(0));
});
