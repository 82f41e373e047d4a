import type { StateDb } from './state-db.ts';

/** How many failed sign-ins lock a key, counted over what window, for how long (ms). */
export interface ThrottleRule {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

/** Per username: 5 failures in 15 min lock that name for 15 min. */
export const USER_THROTTLE: ThrottleRule = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/**
 * Per client address: looser, because a whole depot may reach Givre through one NAT address,
 * and one volunteer's typos must not lock out every colleague; 20 failures still stop spraying.
 */
export const ADDRESS_THROTTLE: ThrottleRule = { ...USER_THROTTLE, maxFailures: 20 };

/**
 * Longest a password check may hold its keys, ms. It is released when the check ends; this
 * only bounds how long a process that died mid-check keeps them (and that attempt stays
 * counted as a failure).
 */
export const CHECK_LEASE_MS = 10_000;

export interface ThrottledKey {
  /** e.g. `user:marie`, `ip:10.0.0.9`. */
  key: string;
  rule: ThrottleRule;
  /** A success clears the key (a username); otherwise it only takes back this attempt (an address). */
  clearOnSuccess: boolean;
}

export type AttemptRefusal = { reason: 'locked' | 'busy'; retryAfterMs: number };

export interface Attempt {
  /** Ends the check: a failure may lock the keys; a success clears or takes back the attempt. */
  settle(ok: boolean, now: number): void;
}

/**
 * Sign-in attempts in the state store (issue 11, 1), so that the lockout holds across a
 * restart and across every dashboard process of the installation. Written by the dashboard.
 */
export interface LoginAttemptRepository {
  /**
   * Takes an attempt for every key in one transaction, or none: refused while any key is
   * locked, or while another check holds it (at most one password check in flight per key).
   * The attempt is counted as a failure *before* the password is checked, so a burst, a
   * crash mid-check or a slow hash can never let more than `maxFailures` tries through.
   */
  begin(keys: readonly ThrottledKey[], now: number): Attempt | AttemptRefusal;
}

interface Row {
  key: string;
  failures: number;
  window_start: number;
  locked_until: number;
  in_flight_until: number;
}

/** Rows with nothing left to remember are purged at most this often, ms. */
const PURGE_EVERY_MS = 60_000;

export function createLoginAttemptRepository(db: StateDb): LoginAttemptRepository {
  const get = db.prepare<[string], Row>('SELECT * FROM login_attempts WHERE key = ?');
  const put = db.prepare(`
    INSERT INTO login_attempts (key, failures, window_start, locked_until, in_flight_until)
    VALUES (@key, @failures, @window_start, @locked_until, @in_flight_until)
    ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, window_start = excluded.window_start,
      locked_until = excluded.locked_until, in_flight_until = excluded.in_flight_until`);
  const remove = db.prepare('DELETE FROM login_attempts WHERE key = ?');
  const purge = db.prepare(
    'DELETE FROM login_attempts WHERE locked_until <= ? AND in_flight_until <= ? AND window_start <= ?',
  );
  const longestWindow = Math.max(USER_THROTTLE.windowMs, ADDRESS_THROTTLE.windowMs);
  let purgedAt = -Infinity;

  // BEGIN IMMEDIATE: the write lock is taken before the rows are read, so two processes
  // cannot both see a key free and both take it.
  const take = db.transaction((keys: readonly ThrottledKey[], now: number): AttemptRefusal | undefined => {
    if (now - purgedAt >= PURGE_EVERY_MS) {
      purge.run(now, now, now - longestWindow);
      purgedAt = now;
    }
    const rows = keys.map(({ key }) => get.get(key));
    let refusal: AttemptRefusal | undefined;
    const refuse = (reason: AttemptRefusal['reason'], until: number) => {
      if (until - now > (refusal?.retryAfterMs ?? 0)) refusal = { reason, retryAfterMs: until - now };
    };
    for (const row of rows) {
      if (row && row.locked_until > now) refuse('locked', row.locked_until);
    }
    if (refusal) return refusal;
    for (const row of rows) {
      if (row && row.in_flight_until > now) refuse('busy', Math.min(row.in_flight_until, now + 1_000));
    }
    if (refusal) return refusal;
    keys.forEach(({ key, rule }, i) => {
      const row = rows[i];
      const fresh = !row || now - row.window_start > rule.windowMs;
      put.run({
        key,
        failures: (fresh ? 0 : row.failures) + 1,
        window_start: fresh ? now : row.window_start,
        locked_until: 0,
        in_flight_until: now + CHECK_LEASE_MS,
      });
    });
    return undefined;
  });

  const settle = db.transaction((keys: readonly ThrottledKey[], ok: boolean, now: number) => {
    for (const { key, rule, clearOnSuccess } of keys) {
      const row = get.get(key);
      if (!row) continue;
      if (ok && clearOnSuccess) {
        remove.run(key);
        continue;
      }
      const failures = ok ? Math.max(0, row.failures - 1) : row.failures;
      const lock = !ok && failures >= rule.maxFailures;
      put.run({
        key,
        failures: lock ? 0 : failures,
        window_start: lock ? now : row.window_start,
        locked_until: lock ? now + rule.lockMs : row.locked_until,
        in_flight_until: 0,
      });
    }
  });

  return {
    begin(keys, now) {
      const refusal = take.immediate(keys, now);
      if (refusal) return refusal;
      let settled = false;
      return {
        settle(ok, at) {
          if (settled) return;
          settled = true;
          settle.immediate(keys, ok, at);
        },
      };
    },
  };
}
