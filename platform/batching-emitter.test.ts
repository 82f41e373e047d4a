import { describe, expect, it } from 'vitest';
import { createBatchingEmitter, type Timer } from './batching-emitter.ts';

/** A manual clock: `advance(ms)` fires the timers that fall due, in order. */
function fakeTimer() {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const timer: Timer = {
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (id) => void timers.delete(id as number),
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      now = due[1].at;
      due[1].fn();
    }
    now = until;
  };
  return { timer, advance, now: () => now, active: () => timers.size };
}

interface Item {
  van: string;
  n: number;
}

function setup() {
  const clock = fakeTimer();
  const emitted: Item[] = [];
  const emitter = createBatchingEmitter<Item>({
    intervalMs: 1000,
    keyOf: (i) => i.van,
    emit: (i) => emitted.push(i),
    timer: clock.timer,
  });
  return { clock, emitted, emitter };
}

describe('createBatchingEmitter', () => {
  it('emits the first item at once, then only the latest per key when the window ends', () => {
    const { clock, emitted, emitter } = setup();
    for (let n = 1; n <= 50; n++) emitter.push({ van: 'VAN-01', n });
    expect(emitted).toEqual([{ van: 'VAN-01', n: 1 }]);
    clock.advance(1000);
    expect(emitted).toEqual([
      { van: 'VAN-01', n: 1 },
      { van: 'VAN-01', n: 50 },
    ]);
  });

  it('never emits one key twice within the interval, and keeps keys apart', () => {
    const clock = fakeTimer();
    const emitted: Array<{ at: number; item: Item }> = [];
    const emitter = createBatchingEmitter<Item>({
      intervalMs: 1000,
      keyOf: (i) => i.van,
      emit: (item) => emitted.push({ at: clock.now(), item }),
      timer: clock.timer,
    });
    for (let n = 0; n < 100; n++) {
      emitter.push({ van: 'A', n });
      if (n % 3 === 0) emitter.push({ van: 'B', n });
      clock.advance(70);
    }
    clock.advance(1000);
    for (const van of ['A', 'B']) {
      const mine = emitted.filter((e) => e.item.van === van);
      for (let i = 1; i < mine.length; i++)
        expect(mine[i]!.at - mine[i - 1]!.at).toBeGreaterThanOrEqual(1000);
      // The latest item of each key always goes out in the end.
      expect(mine.at(-1)?.item.n).toBe(99);
    }
  });

  it('lets the timer lapse when idle, and emits at once again afterwards', () => {
    const { clock, emitted, emitter } = setup();
    emitter.push({ van: 'A', n: 1 });
    clock.advance(1000);
    expect(clock.active()).toBe(0);
    clock.advance(5000);
    emitter.push({ van: 'A', n: 2 });
    expect(emitted.map((i) => i.n)).toEqual([1, 2]);
  });

  it('drops pending items and its timer on close', () => {
    const { clock, emitted, emitter } = setup();
    emitter.push({ van: 'A', n: 1 });
    emitter.push({ van: 'A', n: 2 });
    expect(emitter.pendingCount()).toBe(1);
    emitter.close();
    expect(clock.active()).toBe(0);
    clock.advance(2000);
    emitter.push({ van: 'A', n: 3 });
    expect(emitted.map((i) => i.n)).toEqual([1]);
  });
});
