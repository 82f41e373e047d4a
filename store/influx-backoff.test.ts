import { describe, expect, it } from 'vitest';
import { backoffDelay, MAX_RETRY_AFTER_MS, parseRetryAfter } from './influx-backoff.ts';

describe('backoffDelay', () => {
  const options = { initialMs: 250, maxMs: 10_000 };
  it.each([
    [0, 125, 250],
    [1, 250, 500],
    [3, 1000, 2000],
    [10, 5000, 10_000],
  ])('attempt %i waits between %i and %i ms', (attempt, low, high) => {
    expect(backoffDelay(attempt, options, () => 0)).toBe(low);
    expect(backoffDelay(attempt, options, () => 1)).toBe(high);
  });
});

describe('parseRetryAfter (RFC 9110 §10.2.3)', () => {
  const now = Date.UTC(2026, 0, 1);
  it('reads delay-seconds and HTTP dates, and caps them', () => {
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter(new Date(now + 3000).toUTCString(), now)).toBe(3000);
    expect(parseRetryAfter('86400', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter(new Date(now - 3000).toUTCString(), now)).toBe(0);
  });
  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
