import type { Clock } from './clock.ts';

export interface RecordingScheduleOptions {
  clock: Clock;
  /** Device time runs this many times faster than wall time (1 = real time). */
  speed: number;
  /** Device time between two recordings, s. */
  intervalS: number;
  /** Recording number `index` (0 at boot), `tS` seconds of device time after boot. */
  onTick: (index: number, tS: number) => void;
}

/**
 * The recorder's heartbeat. Device time starts at the real wall time at `start()` and runs
 * `speed` times faster; recording `k` is due at `k · intervalS` of device time, i.e. at
 * `k · intervalS / speed` of wall time after boot. Each timer is set against that target
 * rather than "one interval from now", so late timers do not make the schedule drift.
 */
export function createRecordingSchedule(options: RecordingScheduleOptions) {
  const { clock, speed, intervalS } = options;
  let bootWallMs = 0;
  let index = 0;
  let timer: unknown;
  let running = false;

  const fire = () => {
    timer = undefined;
    if (!running) return;
    options.onTick(index, index * intervalS);
    index += 1;
    if (!running) return; // onTick may have stopped the schedule
    const dueWallMs = bootWallMs + (index * intervalS * 1000) / speed;
    timer = clock.setTimeout(fire, dueWallMs - clock.now());
  };

  return {
    /** Boots device time at the clock's now and records at once. */
    start(): void {
      if (running) return;
      running = true;
      bootWallMs = clock.now();
      fire();
    },
    stop(): void {
      running = false;
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
    },
    /** Device time at boot, ms since the epoch (the real wall time at `start()`). */
    bootDeviceMs: () => bootWallMs,
    /** Device time now, ms since the epoch. */
    deviceNow: () => Math.round(bootWallMs + (clock.now() - bootWallMs) * speed),
  };
}

export type RecordingSchedule = ReturnType<typeof createRecordingSchedule>;
