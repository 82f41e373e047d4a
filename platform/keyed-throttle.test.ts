import { describe, expect, it } from 'vitest';
import type { Timer } from './batching-emitter.ts';
import { createKeyedThrottle } from './keyed-throttle.ts';

/** A timer driven by hand: `advance(ms)` fires what is due. */
function manualTimer(): Timer & { advance(ms: number): void } {
  let now = 0;
  const due = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  return {
    setTimeout: (fn, ms) => (due.set(next, { at: now + ms, fn }), next++),
    clearTimeout: (h) => void due.delete(h as number),
    advance(ms) {
      now += ms;
      for (const [h, t] of [...due].sort((a, b) => a[1].at - b[1].at))
        if (t.at <= now) {
          due.delete(h);
          t.fn();
        }
    },
  };
}

describe('createKeyedThrottle', () => {
  it('lets each key through at once when idle, whatever the others do, then its latest once per window', () => {
    const timer = manualTimer();
    const out: string[] = [];
    const t = createKeyedThrottle<{ van: string; n: number }>({
      intervalMs: 1000,
      keyOf: (i) => i.van,
      emit: (i) => out.push(`${i.van}:${i.n}`),
      timer,
    });
    t.push({ van: 'A', n: 1 });
    t.push({ van: 'B', n: 1 }); // not held back by A's window
    t.push({ van: 'A', n: 2 });
    t.push({ van: 'A', n: 3 });
    expect(out).toEqual(['A:1', 'B:1']);
    timer.advance(1000);
    expect(out).toEqual(['A:1', 'B:1', 'A:3']);
    timer.advance(1000); // A's window after A:3 ends with nothing pending
    t.push({ van: 'A', n: 4 });
    expect(out.at(-1)).toBe('A:4');
  });

  it('flushes what is pending, and ignores everything after close', () => {
    const timer = manualTimer();
    const out: number[] = [];
    const t = createKeyedThrottle<number>({
      intervalMs: 1000,
      keyOf: () => 'k',
      emit: (n) => out.push(n),
      timer,
    });
    t.push(1);
    t.push(2);
    t.flush();
    expect(out).toEqual([1, 2]);
    t.close();
    t.push(3);
    timer.advance(5000);
    expect(out).toEqual([1, 2]);
  });
});
