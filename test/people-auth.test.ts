import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertEpisode } from '../core/alert-episode.ts';
import type { Load } from '../core/loads/load.ts';
import type { Reading } from '../core/readings.ts';
import type { VanState } from '../core/van-state.ts';
import type { ServerToClientEvents } from '../dashboard/events.ts';
import type { AuditEntry } from '../state/audit-log.ts';
import { runGivre, startTestSystem, type TestSystem } from './harness/givre.ts';
import { loadInput, registerVans } from './harness/loads-api.ts';
import { addUsers, login, signIn, TEST_PASSWORD, type SignedInClient } from './harness/people.ts';
import { waitFor } from './harness/wait-for.ts';

const T0 = Date.UTC(2026, 10, 26, 19, 0);
let seq = 1;
/** 40 minutes at 9 °C in the chilled compartment: an excursion alert. */
function warm(): Reading[] {
  const out: Reading[] = [];
  for (let m = 0; m <= 40; m += 0.5)
    out.push({
      kind: 'temperature',
      seq: seq++,
      ts: T0 + m * 60_000,
      compartment: 'chilled',
      sensor: 'T1',
      celsius: 9,
    });
  return out;
}

type ErrorBody = { error: { code: string; message: string } };

/**
 * Issue 4, people: real HTTP with cookies and a real socket.io client against `givre start`'s
 * wiring with users enforced. Roles: admin `ada`, coordinator `coco`, driver `dave` (VAN-01),
 * association users of `assoc-a` and `assoc-b`.
 */
describe('people: sign-in, sessions, CSRF, authorization, audit', () => {
  let system: TestSystem;
  let base: string;
  let ada: SignedInClient;
  let coco: SignedInClient;
  let dave: SignedInClient;
  let assocA: SignedInClient;
  let loadA: Load;
  let loadB: Load;
  let alert1: AlertEpisode;
  let alert2: AlertEpisode;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    system = await startTestSystem({ auth: 'users' });
    base = system.baseUrl;
    // Issue 12: association users belong to recorded associations.
    for (const id of ['assoc-a', 'assoc-b'])
      system.auth!.associations.add(
        { id, name: id, address: '7000 Mons', contact: '065 00 00 00' },
        Date.now(),
      );
    await addUsers(system, [
      { username: 'ada', role: 'admin' },
      { username: 'coco', role: 'coordinator' },
      { username: 'dave', role: 'driver', vans: ['VAN-01'] },
      { username: 'asso-a', role: 'association', association: 'assoc-a' },
      { username: 'asso-b', role: 'association', association: 'assoc-b' },
      { username: 'victim', role: 'coordinator' },
    ]);
    // One after the other: one address has one password check in flight at a time (issue 11, 1).
    ada = await signIn(base, 'ada');
    coco = await signIn(base, 'coco');
    dave = await signIn(base, 'dave');
    assocA = await signIn(base, 'asso-a');
    system.bus.emit('readings-stored', { van: 'VAN-01', readings: warm() });
    system.bus.emit('readings-stored', { van: 'VAN-02', readings: warm() });
    alert1 = await waitFor(() => system.alerts.list({ van: 'VAN-01', kind: 'excursion', limit: 1 })[0]);
    alert2 = await waitFor(() => system.alerts.list({ van: 'VAN-02', kind: 'excursion', limit: 1 })[0]);
    await registerVans(system, 'VAN-01', 'VAN-02');
    const create = async (van: string, recipient: string) => {
      const input = loadInput({ van, recipient: { id: recipient, name: recipient } });
      const created = await coco.json<Load>('/api/loads', input);
      expect(created.status).toBe(201);
      const id = created.body.id;
      expect(
        (await coco.json(`/api/loads/${id}/events`, { type: 'picked-up', at: Date.now() - 3_600_000 }))
          .status,
      ).toBe(200);
      const done = await coco.json(`/api/loads/${id}/events`, {
        type: 'delivered',
        at: Date.now(),
        reception: { accepted: true },
      });
      expect(done.status).toBe(200);
      return created.body;
    };
    loadA = await create('VAN-01', 'assoc-a');
    loadB = await create('VAN-02', 'assoc-b');
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await system?.stop();
  });

  it('signs in with a session cookie that scripts cannot read and other sites do not send', async () => {
    expect(dave.setCookie).toMatch(/^givre_session=[A-Za-z0-9_-]{43};/);
    expect(dave.setCookie).toMatch(/HttpOnly/);
    expect(dave.setCookie).toMatch(/SameSite=Strict/);
    expect(dave.setCookie).not.toMatch(/Secure/); // plain HTTP here; HTTPS adds Secure
    const session = await dave.json<{ user: { username: string; role: string; vans: string[] } }>(
      '/api/session',
    );
    expect(session.body.user).toMatchObject({ username: 'dave', role: 'driver', vans: ['VAN-01'] });
  });

  it('refuses a wrong password or an unknown user alike, with a JSON error', async () => {
    for (const [u, p] of [
      ['coco', 'wrong password!'],
      ['nobody', TEST_PASSWORD],
    ] as const) {
      const res = await login(base, u, p);
      expect(res.status).toBe(401);
      expect(((await res.json()) as ErrorBody).error.code).toBe('GIVRE_ERR_BAD_CREDENTIALS');
    }
  });

  it('without a session: API 401 JSON, pages redirect to /login, public routes stay public', async () => {
    const api = await fetch(`${base}/api/vans`);
    expect(api.status).toBe(401);
    expect(((await api.json()) as ErrorBody).error.code).toBe('GIVRE_ERR_UNAUTHENTICATED');
    const page = await fetch(`${base}/loads`, { redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/login?next=%2Floads');
    for (const path of ['/healthz', '/metrics', '/login', '/verify', '/api/certificates/public-key'])
      expect((await fetch(`${base}${path}`)).status, path).toBe(200);
    const verify = await fetch(`${base}/api/certificates/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ not: 'a certificate' }),
    });
    expect(verify.status).toBe(200);
  });

  it('refuses a state-changing request without the CSRF token, or with a wrong one', async () => {
    const input = {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(loadInput({ van: 'VAN-01' })),
    };
    const none = await coco.fetch('/api/loads', { method: 'POST', csrf: false, ...input });
    expect(none.status).toBe(403);
    expect(((await none.json()) as ErrorBody).error.code).toBe('GIVRE_ERR_CSRF');
    const wrong = await coco.fetch('/api/loads', {
      method: 'POST',
      csrf: false,
      ...input,
      headers: { ...input.headers, 'x-csrf-token': dave.csrfToken },
    });
    expect(wrong.status).toBe(403);
    const ackNoToken = await dave.fetch(`/api/alerts/${alert1.id}/ack`, {
      method: 'POST',
      csrf: false,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'loading' }),
    });
    expect(ackNoToken.status).toBe(403);
    // A cross-site sign-in (login CSRF) is refused by its Origin.
    const crossSite = await fetch(`${base}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ username: 'coco', password: TEST_PASSWORD }),
    });
    expect(crossSite.status).toBe(403);
  });

  it('an association asking for another association’s load or certificate gets 404, as for a nonexistent id', async () => {
    const unknownLoad = await assocA.json<ErrorBody>('/api/loads/LD-NOSUCHLOAD');
    const other = await assocA.json<ErrorBody>(`/api/loads/${loadB.id}`);
    expect(other.status).toBe(404);
    expect(other.body.error.message).toBe(unknownLoad.body.error.message.replace('LD-NOSUCHLOAD', loadB.id));
    for (const path of [
      'certificate',
      'certificates',
      'certificate.html',
      'certificate.pdf',
      'readings.csv',
      'epcis.json',
    ])
      expect((await assocA.fetch(`/api/loads/${loadB.id}/${path}`)).status, path).toBe(404);
    const certB = `${loadB.id}-v1`;
    const unknownCert = await assocA.json<ErrorBody>('/api/certificates/LD-NOSUCHLOAD-v1');
    const otherCert = await assocA.json<ErrorBody>(`/api/certificates/${certB}`);
    expect(otherCert.status).toBe(404);
    expect(otherCert.body.error.message).toBe(
      unknownCert.body.error.message.replace('LD-NOSUCHLOAD-v1', certB),
    );
    expect((await assocA.fetch('/api/associations/assoc-b/loads')).status).toBe(404);
    // Its own: the load, the certificate, its page; its list holds nothing else.
    expect((await assocA.fetch(`/api/loads/${loadA.id}/certificate`)).status).toBe(200);
    expect((await assocA.fetch(`/api/certificates/${loadA.id}-v1`)).status).toBe(200);
    const own = await assocA.json<Array<{ load: Load }>>('/api/associations/assoc-a/loads');
    expect(own.body.map((r) => r.load.id)).toEqual([loadA.id]);
    const list = await assocA.json<Load[]>('/api/loads');
    expect(list.body.map((l) => l.id)).toEqual([loadA.id]);
    expect((await assocA.json<Load[]>('/api/loads?recipient=assoc-b')).body).toEqual([]);
    expect((await assocA.json<VanState[]>('/api/vans')).body).toEqual([]);
    expect((await assocA.json('/api/loads', loadInput({ van: 'VAN-01' }))).status).toBe(403);
  });

  it('a driver cannot acknowledge an alert of a van they are not bound to, but can their own', async () => {
    const other = await dave.json<ErrorBody>(`/api/alerts/${alert2.id}/ack`, { reason: 'loading' });
    expect(other.status).toBe(404);
    expect(system.alerts.get(alert2.id)?.state).toBe('open');
    const own = await dave.json<AlertEpisode>(`/api/alerts/${alert1.id}/ack`, {
      reason: 'loading',
      by: 'someone else',
    });
    expect(own.status).toBe(200);
    // The signed-in user is recorded, not the name the request claims.
    expect(own.body.acknowledgement).toMatchObject({ by: 'dave', reason: 'loading' });
  });

  it('a driver sees only their vans: /api/vans, alerts, history, loads and the live channel', async () => {
    expect((await dave.json<VanState[]>('/api/vans')).body.map((v) => v.van)).toEqual(['VAN-01']);
    expect((await dave.fetch('/api/vans/VAN-02')).status).toBe(404);
    expect((await dave.fetch(`/api/vans/VAN-02/history?from=${T0}&to=${T0 + 3_600_000}`)).status).toBe(404);
    expect((await dave.fetch(`/api/vans/VAN-01/history?from=${T0}&to=${T0 + 3_600_000}`)).status).toBe(200);
    const alerts = await dave.json<AlertEpisode[]>('/api/alerts');
    expect(new Set(alerts.body.map((a) => a.van))).toEqual(new Set(['VAN-01']));
    expect((await dave.json<AlertEpisode[]>('/api/alerts?van=VAN-02')).body).toEqual([]);
    expect((await dave.json<Load[]>('/api/loads')).body.map((l) => l.id)).toEqual([loadA.id]);
    expect((await dave.fetch(`/api/loads/${loadB.id}`)).status).toBe(404);
    // The coordinator sees both, once ingest has told the dashboard (issue 9: through the broker).
    await waitFor(
      async () =>
        (await coco.json<VanState[]>('/api/vans')).body.map((v) => v.van).join() === 'VAN-01,VAN-02',
      { what: 'both vans for the coordinator' },
    );

    const socket: Socket<ServerToClientEvents> = connect(base, {
      transports: ['websocket'],
      extraHeaders: { cookie: dave.cookie },
    });
    sockets.push(socket);
    const snapshot = new Promise<VanState[]>((resolve) => socket.once('fleet:snapshot', resolve));
    const alertSnapshot = new Promise<{ alerts: AlertEpisode[] }>((resolve) =>
      socket.once('alerts:snapshot', resolve),
    );
    expect((await snapshot).map((v) => v.van)).toEqual(['VAN-01']);
    expect((await alertSnapshot).alerts.every((a) => a.van === 'VAN-01')).toBe(true);
    // Live updates of another van never reach the driver; their own do.
    const updates: string[] = [];
    socket.on('van:update', (v) => updates.push(v.van));
    system.bus.emit('readings-stored', { van: 'VAN-02', readings: warm().slice(0, 1) });
    system.bus.emit('readings-stored', { van: 'VAN-01', readings: warm().slice(0, 1) });
    await waitFor(() => updates.includes('VAN-01') || undefined);
    expect(updates).not.toContain('VAN-02');
  });

  it('drops a live socket once its session ends', async () => {
    const again = await signIn(base, dave.username);
    const socket = connect(base, {
      transports: ['websocket'],
      extraHeaders: { cookie: again.cookie },
      reconnection: false,
    });
    sockets.push(socket);
    await new Promise((resolve) => socket.once('fleet:snapshot', resolve));
    const dropped = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    expect((await again.fetch('/api/logout', { method: 'POST' })).status).toBeLessThan(300);
    expect(await dropped).toBe('io server disconnect');
  });

  it('refuses a socket without a session', async () => {
    const socket = connect(base, { transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    const err = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    expect(err.message).toBe('GIVRE_ERR_UNAUTHENTICATED');
  });

  it('only an admin manages users and reads the audit log', async () => {
    for (const client of [coco, dave, assocA]) {
      expect((await client.fetch('/api/users')).status).toBe(403);
      expect((await client.fetch('/api/audit')).status).toBe(403);
      expect((await client.json('/api/users', { username: 'mallory', role: 'admin' })).status).toBe(403);
    }
    const created = await ada.json<{ password: string }>('/api/users', {
      username: 'nina',
      role: 'driver',
      vans: ['VAN-02'],
    });
    expect(created.status).toBe(201);
    const nina = await signIn(base, 'nina', created.body.password);
    expect((await nina.json<VanState[]>('/api/vans')).body.map((v) => v.van)).toEqual(['VAN-02']);
    expect(
      (await ada.json('/api/users', { username: 'nina', role: 'driver', vans: ['VAN-02'] })).status,
    ).toBe(409);
    expect((await ada.json('/api/users/nina/disable', {})).status).toBe(200);
    // Disabling ends the sessions at once.
    expect((await nina.fetch('/api/vans')).status).toBe(401);
  });

  it('keeps an audit log of sign-ins, acknowledgements, load changes and user changes', async () => {
    const log = (await ada.json<AuditEntry[]>('/api/audit?limit=1000')).body;
    const has = (action: string, actor: string, target?: string) =>
      log.some(
        (e) => e.action === action && e.actor === actor && (target === undefined || e.target === target),
      );
    expect(has('login', 'dave')).toBe(true);
    expect(has('login-failed', 'nobody')).toBe(true);
    expect(has('alert-ack', 'dave', alert1.id)).toBe(true);
    expect(has('load-create', 'coco', loadA.id)).toBe(true);
    expect(has('load-event', 'coco', loadB.id)).toBe(true);
    expect(has('user-add', 'ada', 'nina')).toBe(true);
    expect(has('user-disable', 'ada', 'nina')).toBe(true);
    expect(log.every((e) => typeof e.at === 'number')).toBe(true);
  });

  it('an association reads its own record, and another’s gets the 404 of an id that does not exist (issue 12)', async () => {
    expect((await assocA.json<{ name: string }>('/api/associations/assoc-a')).body.name).toBe('assoc-a');
    const other = await assocA.json<ErrorBody>('/api/associations/assoc-b');
    const none = await assocA.json<ErrorBody>('/api/associations/nulle-part');
    expect([other.status, none.status]).toEqual([404, 404]);
    expect(other.body.error.message.replace('assoc-b', 'X')).toBe(
      none.body.error.message.replace('nulle-part', 'X'),
    );
    expect((await assocA.json('/api/associations')).status).toBe(403);
    expect((await dave.json('/api/load-choices')).status).toBe(403);
  });

  it('givre user add binds an association user only to a recorded, active association (issue 12)', async () => {
    const env = { GIVRE_DATA_DIR: system.dataDir };
    const add = (association: string) =>
      runGivre(['user', 'add', 'benevole', '--role', 'association', '--association', association], env);
    const unknown = await add('resto-de-mons');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('association: unknown association resto-de-mons');
    system.auth!.associations.update('assoc-b', { active: false }, Date.now());
    const inactive = await add('assoc-b');
    expect(inactive.stderr).toContain('association: association assoc-b is deactivated');
    system.auth!.associations.update('assoc-b', { active: true }, Date.now());
    const known = await add('assoc-a');
    expect(known.code, known.stderr).toBe(0);
    expect(system.auth!.users.get('benevole')?.association).toBe('assoc-a');
  });

  it('answers invalid input with a JSON error, never a stack trace', async () => {
    const bad = await coco.fetch('/api/loads', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"profile": ',
    });
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'GIVRE_ERR_BAD_REQUEST' } });
    expect(text).not.toMatch(/\bat .*\.ts:\d+/);
    const big = await coco.fetch('/api/loads', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'x'.repeat(100_000) }),
    });
    expect(big.status).toBe(413);
    expect((await coco.json('/api/audit?limit=abc')).status).toBe(403);
    expect((await ada.json<ErrorBody>('/api/audit?limit=abc')).status).toBe(400);
    expect((await ada.json<ErrorBody>('/api/users', { username: 'X Y', role: 'king' })).status).toBe(400);
  });

  it('signs out: the session no longer works', async () => {
    const me = await signIn(base, 'coco');
    expect((await me.fetch('/api/logout', { method: 'POST' })).status).toBe(204);
    expect((await me.fetch('/api/vans')).status).toBe(401);
  });

  // Last: it locks `victim` for 15 minutes.
  it('locks a username for 15 minutes after 5 failed sign-ins, even with the right password then', async () => {
    for (let i = 0; i < 5; i++) expect((await login(base, 'victim', `wrong-${i}-password`)).status).toBe(401);
    const locked = await login(base, 'victim');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    expect(((await locked.json()) as ErrorBody).error.code).toBe('GIVRE_ERR_RATE_LIMITED');
    // Others from the same address still sign in (the per-address limit is looser).
    expect((await login(base, 'dave')).status).toBe(200);
  });
});
