import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './harness/free-port.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { addUsers, login, TEST_PASSWORD } from './harness/people.ts';
import { spawnGivre, waitReady, type ServiceProcess } from './harness/services.ts';

/** Status codes of a burst of sign-ins sent at once, counted. */
async function burst(baseUrls: string[], attempts: Array<{ username: string; password: string }>) {
  const statuses = await Promise.all(
    attempts.map((a, i) =>
      login(baseUrls[i % baseUrls.length]!, a.username, a.password).then((r) => r.status),
    ),
  );
  const count = (status: number) => statuses.filter((s) => s === status).length;
  return { ok: count(200), wrong: count(401), refused: count(429), total: statuses.length };
}

const wrong = (username: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ username, password: `pas-le-bon-${i}-mot-de-passe` }));

/**
 * Issue 11 (1): sixty sign-ins sent at once for one username gave 59 × 401 and 1 × 200: the
 * lock was checked before the slow hash and the failure recorded after it. Now at most one
 * check runs per username and per address, each attempt counts before its hash, and the
 * counts live in state.db, for every dashboard process and across restarts.
 */
describe('sign-in lockout under concurrency', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem({ auth: 'users' });
    await addUsers(system, [{ username: 'victim', role: 'coordinator' }]);
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('60 attempts at once, the right password last: at most 5 passwords are ever checked, the rest 429', async () => {
    const checked = { ok: 0, wrong: 0 };
    for (let round = 0; round < 5; round++) {
      const r = await burst(
        [system.baseUrl],
        [...wrong('victim', 59), { username: 'victim', password: TEST_PASSWORD }],
      );
      expect(r.ok + r.wrong + r.refused).toBe(60);
      checked.ok += r.ok;
      checked.wrong += r.wrong;
    }
    // Every failed check is counted: no more than the 5 a person is allowed in 15 minutes,
    // counted since their last successful sign-in (which clears the count, as it should).
    expect(checked.wrong).toBeGreaterThanOrEqual(1);
    expect(checked.wrong).toBeLessThanOrEqual(5 * (checked.ok + 1));
    if (checked.wrong === 5 && checked.ok === 0) {
      const locked = await login(system.baseUrl, 'victim');
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    }
  });

  it('a burst over many usernames from one address checks one password at a time', async () => {
    // A system of its own: the address must not be locked by the test before.
    const fresh = await startTestSystem({ auth: 'users' });
    const names = Array.from({ length: 60 }, (_, i) => `nobody-${i}`);
    const r = await burst(
      [fresh.baseUrl],
      names.map((username) => ({ username, password: 'pas-le-bon-mot-de-passe' })),
    ).finally(() => fresh.stop());
    // One check in flight for the address: the others were refused without touching scrypt.
    expect(r.wrong).toBeLessThanOrEqual(3);
    expect(r.refused).toBeGreaterThanOrEqual(57);
  });
});

describe('sign-in lockout across dashboard processes and restarts', () => {
  let system: TestSystem;
  let other: ServiceProcess | undefined;
  let otherUrl: string;

  /** `givre dashboard` as its own OS process on the same state store and broker. */
  async function startOther(): Promise<void> {
    const port = await freePort();
    otherUrl = `http://127.0.0.1:${port}`;
    other = spawnGivre('dashboard', ['dashboard'], {
      GIVRE_DATA_DIR: system.dataDir,
      GIVRE_MQTT_URL: system.mqttUrl,
      GIVRE_HTTP_PORT: String(port),
      GIVRE_LOG_LEVEL: 'warn',
      GIVRE_ALLOWED_HOSTS: 'localhost',
    });
    await waitReady(otherUrl, other);
  }

  beforeAll(async () => {
    system = await startTestSystem({ auth: 'users' });
    await addUsers(system, [
      { username: 'marie', role: 'coordinator' },
      { username: 'luc', role: 'coordinator' },
    ]);
    await startOther();
  }, 60_000);
  afterAll(async () => {
    await other?.kill('SIGKILL');
    await system?.stop();
  });

  it('a burst split over two dashboards still checks at most 5 passwords', async () => {
    const r = await burst(
      [system.baseUrl, otherUrl],
      [...wrong('luc', 59), { username: 'luc', password: TEST_PASSWORD }],
    );
    expect(r.wrong + r.ok).toBeLessThanOrEqual(5);
    expect(r.refused).toBeGreaterThanOrEqual(55);
  });

  it('5 failures on one dashboard lock the name on the other, and after it restarts', async () => {
    for (let i = 0; i < 5; i++)
      expect((await login(system.baseUrl, 'marie', `faux-${i}-mot-de-passe`)).status).toBe(401);
    const elsewhere = await login(otherUrl, 'marie');
    expect(elsewhere.status).toBe(429);
    expect(((await elsewhere.json()) as { error: { code: string } }).error.code).toBe(
      'GIVRE_ERR_RATE_LIMITED',
    );
    // Killed, not stopped: nothing of the lock was in its memory to lose.
    await other!.kill('SIGKILL');
    await startOther();
    const afterRestart = await login(otherUrl, 'marie');
    expect(afterRestart.status).toBe(429);
    expect(Number(afterRestart.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
  }, 60_000);
});
