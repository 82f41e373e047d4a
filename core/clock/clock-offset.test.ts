import { describe, expect, it } from 'vitest';
import type { Reading } from '../readings.ts';
import {
  CLOCK_SAMPLES,
  countFuture,
  liveSample,
  median,
  observeClock,
  type VanClock,
} from './clock-offset.ts';

const T = Date.UTC(2026, 11, 2, 6, 0);
const MIN = 60_000;
const TOLERANCE = 5 * MIN;
const temp = (seq: number, ts: number): Reading => ({
  seq,
  ts,
  kind: 'temperature',
  compartment: 'chilled',
  sensor: 'T1',
  celsius: 3,
});
const online = { online: true, lastSeq: 10 };

describe('van clock: live samples (issue 13)', () => {
  it('takes the newest reading of a live message against its arrival', () => {
    expect(liveSample([temp(11, T + 10 * MIN), temp(12, T + 10 * MIN)], T, online)).toBe(10 * MIN);
    expect(liveSample([temp(11, T - 3 * 60 * MIN)], T + 200, online)).toBe(-3 * 60 * MIN - 200);
  });

  it('ignores what cannot tell the clock: offline, a replay, a hole filled late, a backlog flush', () => {
    expect(liveSample([temp(11, T)], T, { online: false, lastSeq: 10 })).toBeNull();
    expect(liveSample([temp(11, T)], T, { online: null, lastSeq: null })).toBeNull();
    expect(liveSample([temp(9, T), temp(10, T)], T, online)).toBeNull();
    const backlog = Array.from({ length: 30 }, (_, i) => temp(11 + i, T - (30 - i) * MIN));
    expect(liveSample(backlog, T, online)).toBeNull();
  });
});

describe('van clock: robust estimate', () => {
  it('is the median of the latest samples, so one late message does not move it', () => {
    let clock: VanClock | undefined;
    for (const s of [600_100, 600_300, 600_200, -7_200_000, 600_250])
      clock = observeClock(clock, s, 0, T, TOLERANCE);
    expect(clock!.offsetMs).toBe(600_200);
    expect(clock!.flagged).toBe(true);
    expect(median([1, 2, 3, 4])).toBe(2.5);
  });

  it('keeps at most CLOCK_SAMPLES samples, the latest', () => {
    let clock: VanClock | undefined;
    for (let i = 0; i < CLOCK_SAMPLES + 5; i++) clock = observeClock(clock, i, 0, T, TOLERANCE);
    expect(clock!.samplesMs).toHaveLength(CLOCK_SAMPLES);
    expect(clock!.samplesMs[0]).toBe(5);
  });

  it('flags an offset beyond the tolerance on either side, not one at it', () => {
    const at = (offset: number) => observeClock(undefined, offset, 0, T, TOLERANCE)!.flagged;
    expect([at(TOLERANCE), at(-TOLERANCE), at(TOLERANCE + 1), at(-TOLERANCE - 1)]).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });

  it('counts future readings even from messages that give no sample', () => {
    const clock = observeClock(undefined, null, 3, T, TOLERANCE)!;
    expect(clock).toMatchObject({ futureReadings: 3, flagged: false, samplesMs: [] });
    expect(observeClock(clock, null, 2, T, TOLERANCE)!.futureReadings).toBe(5);
    expect(observeClock(undefined, null, 0, T, TOLERANCE)).toBeUndefined();
  });
});

describe('future readings: the tolerance boundary', () => {
  it('counts a reading 1 ms beyond the tolerance, not one at it or behind', () => {
    const readings = [temp(1, T + TOLERANCE), temp(2, T + TOLERANCE + 1), temp(3, T - 3 * 60 * MIN)];
    expect(countFuture(readings, T, TOLERANCE)).toBe(1);
  });
});
