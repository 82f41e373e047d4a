import { describe, expect, it } from 'vitest';
import { createManualClock } from './manual-clock.ts';
import { createRecordingSchedule } from './recording-schedule.ts';

const T0 = Date.UTC(2026, 10, 26, 18, 0);

describe('recording schedule', () => {
  it('records at boot, then every interval of device time, `speed` times faster than wall time', async () => {
    const clock = createManualClock(T0);
    const ticks: Array<[number, number, number]> = [];
    const schedule = createRecordingSchedule({
      clock,
      speed: 60,
      intervalS: 30,
      onTick: (i, tS) => ticks.push([i, tS, clock.now() - T0]),
    });
    schedule.start();
    await clock.advance(2000); // 2 s wall = 120 s device = 4 intervals
    expect(ticks).toEqual([
      [0, 0, 0],
      [1, 30, 500],
      [2, 60, 1000],
      [3, 90, 1500],
      [4, 120, 2000],
    ]);
    expect(schedule.bootDeviceMs()).toBe(T0);
    expect(schedule.deviceNow()).toBe(T0 + 120_000);
    schedule.stop();
    expect(clock.pending()).toBe(0);
  });

  it('stops recording at stop()', async () => {
    const clock = createManualClock(T0);
    let n = 0;
    const schedule = createRecordingSchedule({ clock, speed: 1, intervalS: 30, onTick: () => n++ });
    schedule.start();
    schedule.stop();
    await clock.advance(600_000);
    expect(n).toBe(1);
  });
});
