import type { Clock } from './clock.ts';

/** A clock that moves only when told to: for unit tests of timer logic, never for production. */
export interface ManualClock extends Clock {
  /**
   * Moves wall time forward by `ms`, firing every timer that falls due in order, and lets
   * the promises each timer started settle before the next one fires.
   */
  advance(ms: number): Promise<void>;
  pending(): number;
}

interface Timer {
  id: number;
  at: number;
  fn: () => void;
}

export function createManualClock(startMs: number): ManualClock {
  let now = startMs;
  let nextId = 1;
  const timers = new Map<number, Timer>();
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

  return {
    now: () => now,
    setTimeout(fn, delayMs) {
      const timer = { id: nextId++, at: now + Math.max(0, delayMs), fn };
      timers.set(timer.id, timer);
      return timer.id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    pending: () => timers.size,
    async advance(ms) {
      const until = now + ms;
      for (;;) {
        let due: Timer | undefined;
        for (const timer of timers.values()) {
          if (timer.at <= until && (!due || timer.at < due.at || (timer.at === due.at && timer.id < due.id)))
            due = timer;
        }
        if (!due) break;
        timers.delete(due.id);
        now = Math.max(now, due.at);
        due.fn();
        await settle();
      }
      now = until;
      await settle();
    },
  };
}
