import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ADDRESS_THROTTLE,
  CHECK_LEASE_MS,
  createLoginAttemptRepository,
  USER_THROTTLE,
  type ThrottledKey,
} from './login-attempt-repository.ts';
import { openStateDb, type StateDb } from './state-db.ts';

const MIN = 60_000;
const user = (name: string): ThrottledKey => ({
  key: `user:${name}`,
  rule: USER_THROTTLE,
  clearOnSuccess: true,
});
const address = (ip: string): ThrottledKey => ({
  key: `ip:${ip}`,
  rule: ADDRESS_THROTTLE,
  clearOnSuccess: false,
});

describe('login attempts in the state store', () => {
  const dbs: StateDb[] = [];
  const open = (path = ':memory:') => {
    const db = openStateDb(path);
    dbs.push(db);
    return createLoginAttemptRepository(db);
  };
  afterEach(() => {
    for (const db of dbs.splice(0)) db.close();
  });
  const fail = (repo: ReturnType<typeof open>, keys: ThrottledKey[], now: number) => {
    const attempt = repo.begin(keys, now);
    if (!('settle' in attempt)) throw new Error(`refused: ${attempt.reason}`);
    attempt.settle(false, now);
  };

  it('locks a username for 15 minutes after the 5th failure, not before', () => {
    const repo = open();
    for (let i = 0; i < 4; i++) fail(repo, [user('marie')], 1000 + i);
    const fifth = repo.begin([user('marie')], 2000);
    expect('settle' in fifth).toBe(true);
    if ('settle' in fifth) fifth.settle(false, 2000);
    expect(repo.begin([user('marie')], 2001)).toEqual({ reason: 'locked', retryAfterMs: 15 * MIN - 1 });
    expect('settle' in repo.begin([user('marie')], 2000 + 15 * MIN)).toBe(true);
  });

  it('lets one check at a time hold a key: a second attempt meanwhile is refused, counting nothing', () => {
    const repo = open();
    const first = repo.begin([user('marie'), address('10.0.0.9')], 0);
    expect(repo.begin([user('marie'), address('10.0.0.8')], 5)).toEqual({
      reason: 'busy',
      retryAfterMs: 1000,
    });
    expect(repo.begin([user('luc'), address('10.0.0.9')], 5)).toMatchObject({ reason: 'busy' });
    expect('settle' in repo.begin([user('luc'), address('10.0.0.8')], 5)).toBe(true);
    if ('settle' in first) first.settle(true, 10);
    expect('settle' in repo.begin([user('marie'), address('10.0.0.9')], 11)).toBe(true);
  });

  it('counts an attempt before the check: a process that dies mid-check leaves a failure, held at most the lease', () => {
    const repo = open();
    for (let i = 0; i < 5; i++) {
      // Never settled: each one ends when its lease does.
      expect('settle' in repo.begin([user('marie')], i * CHECK_LEASE_MS)).toBe(true);
    }
    // The 5 attempts count as failures once their leases end: the next one is the 6th.
    const sixth = repo.begin([user('marie')], 5 * CHECK_LEASE_MS);
    if ('settle' in sixth) sixth.settle(false, 5 * CHECK_LEASE_MS);
    expect(repo.begin([user('marie')], 5 * CHECK_LEASE_MS + 1)).toMatchObject({ reason: 'locked' });
  });

  it('a success clears a username, and gives an address back only its own attempt', () => {
    const repo = open();
    for (let i = 0; i < 19; i++) fail(repo, [user(`u${i}`), address('10.0.0.9')], i);
    const ok = repo.begin([user('marie'), address('10.0.0.9')], 100);
    if ('settle' in ok) ok.settle(true, 100);
    // 19 failures from the address, still one short of its 20: the next failure locks it.
    fail(repo, [user('x'), address('10.0.0.9')], 101);
    expect(repo.begin([user('y'), address('10.0.0.9')], 102)).toMatchObject({ reason: 'locked' });
  });

  it('keeps its counts in state.db: another connection (another process, or after a restart) sees the lock', () => {
    const dir = mkdtempSync(join(tmpdir(), 'givre-attempts-'));
    try {
      const a = open(join(dir, 'state.db'));
      for (let i = 0; i < 5; i++) fail(a, [user('marie')], i);
      const b = open(join(dir, 'state.db'));
      expect(b.begin([user('marie')], 10)).toMatchObject({ reason: 'locked' });
    } finally {
      for (const db of dbs.splice(0)) db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
