import { describe, expect, it } from 'vitest';
import { createLoginThrottle, DEFAULT_THROTTLE } from './login-throttle.ts';

const MIN = 60_000;

function throttle() {
  let now = 1_000_000;
  const t = createLoginThrottle({ ...DEFAULT_THROTTLE, maxKeys: 3, now: () => now });
  return { t, advance: (ms: number) => (now += ms) };
}

describe('login throttle', () => {
  it('locks a key for 15 minutes after the 5th failure, not before', () => {
    const { t, advance } = throttle();
    for (let i = 0; i < 4; i++) t.failure(['user:marie']);
    expect(t.lockedFor(['user:marie'])).toBe(0);
    t.failure(['user:marie']);
    expect(t.lockedFor(['user:marie'])).toBe(15 * MIN);
    advance(15 * MIN - 1);
    expect(t.lockedFor(['user:marie'])).toBe(1);
    advance(1);
    expect(t.lockedFor(['user:marie'])).toBe(0);
  });

  it('a lock on any one key (the user or the address) blocks the attempt', () => {
    const { t } = throttle();
    for (let i = 0; i < 5; i++) t.failure([`user:u${i}`, 'ip:10.0.0.9']);
    expect(t.lockedFor(['user:other', 'ip:10.0.0.9'])).toBeGreaterThan(0);
    expect(t.lockedFor(['user:other', 'ip:10.0.0.8'])).toBe(0);
  });

  it('failures older than the window are forgotten; a success clears the count', () => {
    const { t, advance } = throttle();
    for (let i = 0; i < 4; i++) t.failure(['user:a']);
    advance(16 * MIN);
    t.failure(['user:a']);
    expect(t.lockedFor(['user:a'])).toBe(0);
    for (let i = 0; i < 3; i++) t.failure(['user:a']);
    t.success(['user:a']);
    t.failure(['user:a']);
    expect(t.lockedFor(['user:a'])).toBe(0);
  });

  it('remembers at most maxKeys keys, forgetting the oldest', () => {
    const { t } = throttle();
    for (let i = 0; i < 5; i++) t.failure(['user:first']);
    for (const k of ['a', 'b', 'c']) t.failure([`user:${k}`]);
    expect(t.lockedFor(['user:first'])).toBe(0);
  });
});
