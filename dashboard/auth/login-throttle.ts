/**
 * Temporary lockout after repeated failed sign-ins (issue 4), per username and per client
 * address: guessing one person's password and spraying many usernames from one machine are
 * both slowed to `maxFailures` tries per `lockMs`. In memory: a restart forgets, which
 * costs an attacker a restart they cannot cause. Time is injected, so it is unit-tested
 * without waiting.
 */
export interface ThrottleOptions {
  /** Failures within `windowMs` that lock the key. */
  maxFailures: number;
  /** Window in which failures are counted, ms. */
  windowMs: number;
  /** How long a locked key stays locked, ms. */
  lockMs: number;
  /** Keys remembered at most; the oldest are forgotten first, so a flood cannot exhaust memory. */
  maxKeys: number;
  now: () => number;
}

/** Per username: 5 failures in 15 min lock that name for 15 min. */
export const DEFAULT_THROTTLE: Omit<ThrottleOptions, 'now'> = {
  maxFailures: 5,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  maxKeys: 10_000,
};

/**
 * Per client address: looser, because a whole depot may reach Givre through one NAT address,
 * and one volunteer's typos must not lock out every colleague; 20 failures still stop spraying.
 */
export const DEFAULT_IP_THROTTLE: Omit<ThrottleOptions, 'now'> = { ...DEFAULT_THROTTLE, maxFailures: 20 };

export interface LoginThrottle {
  /** Ms until the keys may try again; 0 when none is locked. */
  lockedFor(keys: readonly string[]): number;
  failure(keys: readonly string[]): void;
  success(keys: readonly string[]): void;
}

interface Entry {
  failures: number;
  firstAt: number;
  lockedUntil: number;
}

export function createLoginThrottle(options: ThrottleOptions): LoginThrottle {
  const entries = new Map<string, Entry>();
  return {
    lockedFor(keys) {
      const now = options.now();
      let wait = 0;
      for (const key of keys) {
        const e = entries.get(key);
        if (e && e.lockedUntil > now) wait = Math.max(wait, e.lockedUntil - now);
      }
      return wait;
    },
    failure(keys) {
      const now = options.now();
      for (const key of keys) {
        let e = entries.get(key);
        if (!e || now - e.firstAt > options.windowMs) e = { failures: 0, firstAt: now, lockedUntil: 0 };
        e.failures += 1;
        if (e.failures >= options.maxFailures) {
          e.lockedUntil = now + options.lockMs;
          e.failures = 0;
          e.firstAt = now;
        }
        entries.delete(key); // re-inserted last: Map order is the eviction order
        entries.set(key, e);
      }
      while (entries.size > options.maxKeys) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
    success(keys) {
      for (const key of keys) entries.delete(key);
    },
  };
}
