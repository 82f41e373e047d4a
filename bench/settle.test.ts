import { describe, expect, it } from 'vitest';
import {
  account,
  drained,
  LATE_UNTIL_MS,
  LOST_AFTER_MS,
  lostReadings,
  settled,
  STILL_FOR_MS,
  storeRate,
} from './settle.ts';

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

describe('the lost deadline', () => {
  const lastPublishAt = 1_000_000;
  it('is reached once everything acknowledged is stored', () =>
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

describe('when counting stops', () => {
  const lastPublishAt = 1_000_000;
  const behind = { acknowledged: 1000, stored: 600, lastPublishAt };

  it('stops once everything acknowledged is stored, deadline or not', () =>
    expect(drained({ ...behind, stored: 1000, lastGrewAt: lastPublishAt, now: lastPublishAt + 1 })).toBe(
      true,
    ));

  it('goes on past the lost deadline while the store still grows', () => {
    const now = lastPublishAt + LOST_AFTER_MS + 30_000;
    expect(drained({ ...behind, lastGrewAt: now - 100, now })).toBe(false);
  });

  it('stops once the count held still STILL_FOR_MS past the deadline, not a moment before', () => {
    const now = lastPublishAt + LOST_AFTER_MS + 5_000;
    expect(drained({ ...behind, lastGrewAt: now - STILL_FOR_MS + 1, now })).toBe(false);
    expect(drained({ ...behind, lastGrewAt: now - STILL_FOR_MS, now })).toBe(true);
  });

  it('never stops on a still count before the lost deadline', () =>
    // The store held still the whole run (it never grew: lastGrewAt is the last publish).
    expect(
      drained({
        ...behind,
        stored: 0,
        lastGrewAt: lastPublishAt - 60_000,
        now: lastPublishAt + LOST_AFTER_MS - 1,
      }),
    ).toBe(false));

  it('a store that never had any stops STILL_FOR_MS after the last publish, at the deadline', () => {
    const never = { ...behind, stored: 0, lastGrewAt: lastPublishAt };
    expect(drained({ ...never, now: lastPublishAt + LOST_AFTER_MS - 1 })).toBe(false);
    expect(drained({ ...never, now: lastPublishAt + LOST_AFTER_MS })).toBe(true);
  });

  it('stops LATE_UNTIL_MS after the last publish even while the store still grows', () => {
    expect(
      drained({
        ...behind,
        lastGrewAt: lastPublishAt + LATE_UNTIL_MS - 2,
        now: lastPublishAt + LATE_UNTIL_MS - 1,
      }),
    ).toBe(false);
    expect(
      drained({
        ...behind,
        lastGrewAt: lastPublishAt + LATE_UNTIL_MS - 1,
        now: lastPublishAt + LATE_UNTIL_MS,
      }),
    ).toBe(true);
    expect(LATE_UNTIL_MS).toBe(120_000);
  });
});

describe('what became of the acknowledged readings', () => {
  it.each([
    // acknowledged, at the deadline, when counting stopped → lost, late, missing
    [1000, 1000, 1000, { lost: 0, late: 0, missing: 0 }],
    // Behind at the deadline, caught up later: all of the lost came late.
    [1000, 600, 1000, { lost: 400, late: 400, missing: 0 }],
    // Behind, partly caught up.
    [1000, 600, 900, { lost: 400, late: 300, missing: 100 }],
    // Dropped: nothing more came.
    [1000, 600, 600, { lost: 400, late: 0, missing: 400 }],
    // More than acknowledged in the end (a PUBACK lost in flight): late is at most what was lost.
    [1000, 600, 1016, { lost: 400, late: 400, missing: 0 }],
    // More than acknowledged by the deadline: nothing lost, nothing late.
    [1000, 1016, 1016, { lost: 0, late: 0, missing: 0 }],
  ])('acknowledged %i, %i by the deadline, %i at the end', (acknowledged, byDeadline, atEnd, expected) =>
    expect(account(acknowledged, byDeadline, atEnd)).toEqual(expected),
  );
});

describe('throughput into the store', () => {
  it('is readings stored over the time from the first publish to the last reading stored', () =>
    expect(storeRate(50_000, 1_000, 11_000)).toEqual({ seconds: 10, perSecond: 5_000 }));
  it('counts the time late readings took: a backlog stored for 30 s more divides by 40 s', () =>
    expect(storeRate(80_000, 0, 40_000)).toEqual({ seconds: 40, perSecond: 2_000 }));
  it('of a run that stored nothing is 0 in 0 s, never a negative time', () => {
    expect(storeRate(0, 1_700_000_000_000, undefined)).toEqual({ seconds: 0, perSecond: 0 });
    expect(storeRate(0, 1_700_000_000_000, 1_700_000_010_000)).toEqual({ seconds: 0, perSecond: 0 });
  });
  it('of no time, or a clock gone backwards, is 0, never negative', () => {
    expect(storeRate(10, 5, 5)).toEqual({ seconds: 0, perSecond: 0 });
    expect(storeRate(10, 5_000, 4_000)).toEqual({ seconds: 0, perSecond: 0 });
  });
  it('of a millisecond is still a rate', () =>
    expect(storeRate(1, 0, 1)).toEqual({ seconds: 0.001, perSecond: 1000 }));
});
