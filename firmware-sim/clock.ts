/**
 * Wall time and timers behind one small interface, so that the recording schedule is
 * tested without waiting (MQTT.js's KeepaliveManager takes its timer the same way).
 */
export interface Clock {
  /** Wall time, ms since the Unix epoch. */
  now(): number;
  /** Calls `fn` once after `delayMs` ms of wall time; returns a handle for `clearTimeout`. */
  setTimeout(fn: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, delayMs) => setTimeout(fn, Math.max(0, delayMs)),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Waits for `promise` (settled either way) or `ms` of the clock's time, whichever is first. */
export function within(clock: Clock, promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = clock.setTimeout(resolve, ms);
    const done = () => {
      clock.clearTimeout(timer);
      resolve();
    };
    promise.then(done, done);
  });
}
