import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionUser } from '../dashboard/auth/user-provisioning.ts';
import { runGivre, startTestSystem, type TestSystem } from './harness/givre.ts';
import { addUsers, login, signIn, TEST_PASSWORD, type SignedInClient } from './harness/people.ts';

type ErrorBody = { error: { code: string; message: string } };

/**
 * Issue 11: what an outside probe got through, each probe sent again through a real HTTP
 * client to `givre start`'s wiring with users enforced.
 */
describe('security probe: hostile bodies (issue 11, 3)', () => {
  let system: TestSystem;
  let coco: SignedInClient;
  const log: string[] = [];

  beforeAll(async () => {
    system = await startTestSystem({ auth: 'users', logTo: log });
    await addUsers(system, [{ username: 'coco', role: 'coordinator' }]);
    coco = await signIn(system.baseUrl, 'coco');
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('answers a body that is not the gzip, deflate or br it declares with 400 and a code, and logs nothing', async () => {
    log.length = 0;
    const garbage = Buffer.from('{"username":"coco","password":"not compressed at all"}');
    const sent: Array<{ path: string; encoding: string; status: number; body: ErrorBody }> = [];
    for (let i = 0; i < 20; i++) {
      for (const encoding of ['gzip', 'deflate', 'br']) {
        for (const [path, client] of [
          ['/api/login', undefined],
          ['/api/certificates/verify', undefined],
          ['/api/loads', coco],
        ] as const) {
          const init = {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'content-encoding': encoding },
            body: garbage,
          };
          const res = client ? await client.fetch(path, init) : await fetch(`${system.baseUrl}${path}`, init);
          sent.push({ path, encoding, status: res.status, body: (await res.json()) as ErrorBody });
        }
      }
    }
    for (const s of sent) {
      expect(s.status, `${s.path} ${s.encoding}`).toBe(400);
      expect(s.body.error.code).toBe('GIVRE_ERR_BAD_REQUEST');
      expect(s.body.error.message).toMatch(/Content-Encoding/);
      expect(JSON.stringify(s.body)).not.toMatch(/\n\s+at |zlib|Z_DATA_ERROR/);
    }
    // Nothing for an attacker to flood the log with: no error line, no stack trace.
    expect(log.filter((line) => / error /.test(line) || /\n\s+at /.test(line))).toEqual([]);
  });
});

describe('security probe: one sign-in gate, whatever the spelling of the path (issue 11, 4)', () => {
  let system: TestSystem;
  let coco: SignedInClient;

  beforeAll(async () => {
    system = await startTestSystem({ auth: 'users' });
    await addUsers(system, [{ username: 'coco', role: 'coordinator' }]);
    coco = await signIn(system.baseUrl, 'coco');
  });
  afterAll(async () => {
    await system?.stop();
  });

  const PAGES = [
    '/',
    '/loads',
    '/LOADS',
    '/loads/',
    '/Loads//',
    '/admin',
    '/admin/',
    '/ADMIN',
    '/driver/VAN-01',
    '/DRIVER/VAN-01/',
    '/associations/resto-du-coeur-mons',
    '/Associations/resto-du-coeur-mons/',
    '/index.html',
    '/no-such-page',
  ];

  it.each(PAGES)('GET %s without a session goes to /login, never the page shell', async (path) => {
    const res = await fetch(`${system.baseUrl}${path}`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(path)}`);
    expect(await res.text()).not.toMatch(/<html/i);
  });

  it.each(['/api/vans', '/API/vans', '/api/vans/', '/Api/Loads', '/api/users/', '/api/alerts?limit=1'])(
    'GET %s without a session is 401 JSON',
    async (path) => {
      const res = await fetch(`${system.baseUrl}${path}`, { redirect: 'manual' });
      expect(res.status).toBe(401);
      expect(((await res.json()) as ErrorBody).error.code).toBe('GIVRE_ERR_UNAUTHENTICATED');
    },
  );

  it('signed in, the same spellings reach their pages (so the gate, not a 404, refused them)', async () => {
    for (const path of ['/LOADS', '/loads/', '/DRIVER/VAN-01/']) {
      const res = await coco.fetch(path, { redirect: 'manual' });
      expect(res.status, path).toBe(200);
      expect(await res.text()).toMatch(/<html/i);
    }
    // A coordinator is not an admin: /admin/ sends them home rather than showing the admin shell.
    const admin = await coco.fetch('/admin/', { redirect: 'manual' });
    expect([admin.status, admin.headers.get('location')]).toEqual([303, '/']);
  });

  it('keeps the public pages and files public', async () => {
    for (const path of ['/login', '/verify', '/verify/t/abc', '/style.css', '/account.js', '/loads.js']) {
      const res = await fetch(`${system.baseUrl}${path}`, { redirect: 'manual' });
      expect(res.status, path).toBe(200);
    }
  });
});

describe('security probe: a password replaced or disabled ends its sessions (issue 11, 5)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'givre-demo-restart-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  /** `givre start --simulate` as it wires itself, on a data directory that outlives it. */
  const startDemo = () =>
    startTestSystem({
      auth: 'users',
      access: 'devices',
      simulate: { vans: 0, speed: 1, intervalS: 30, seed: 1 },
      env: { GIVRE_DATA_DIR: dataDir },
    });
  const passwordOf = (system: TestSystem, username: string) => {
    const user = system.demoCredentials?.users.find((u) => u.username === username);
    if (!user) throw new Error(`the demo issued no ${username}`);
    return user.password;
  };

  it('a demo restart re-issues the passwords and the old sessions no longer work', async () => {
    const first = await startDemo();
    let admin: SignedInClient;
    let coordinator: SignedInClient;
    try {
      admin = await signIn(first.baseUrl, 'admin', passwordOf(first, 'admin'));
      coordinator = await signIn(first.baseUrl, 'coordination', passwordOf(first, 'coordination'));
      expect((await admin.json('/api/session')).status).toBe(200);
    } finally {
      await first.stop();
    }
    const second = await startDemo();
    try {
      for (const old of [admin, coordinator]) {
        const res = await fetch(`${second.baseUrl}/api/session`, { headers: { cookie: old.cookie } });
        expect(res.status, old.username).toBe(401);
        const page = await fetch(`${second.baseUrl}/loads`, {
          headers: { cookie: old.cookie },
          redirect: 'manual',
        });
        expect(page.status, old.username).toBe(303);
      }
      // The new passwords work; the old ones do not.
      const again = await signIn(second.baseUrl, 'admin', passwordOf(second, 'admin'));
      expect((await again.json('/api/session')).status).toBe(200);
      expect((await login(second.baseUrl, 'admin', passwordOf(second, 'coordination'))).status).toBe(401);
    } finally {
      await second.stop();
    }
  });

  it('disabling a user ends their sessions at once, and a new password does not revive the old ones', async () => {
    const system = await startTestSystem({ auth: 'users' });
    try {
      await addUsers(system, [
        { username: 'ada', role: 'admin' },
        { username: 'nina', role: 'coordinator' },
      ]);
      const ada = await signIn(system.baseUrl, 'ada');
      const nina = await signIn(system.baseUrl, 'nina');
      expect((await nina.json('/api/vans')).status).toBe(200);
      expect((await ada.json('/api/users/nina/disable', {})).status).toBe(200);
      expect((await nina.json('/api/vans')).status).toBe(401);
      // Enabled again with a new password (as `givre user` or the demo would): still signed out.
      await provisionUser(
        system.auth!.users,
        { username: 'nina', role: 'coordinator', password: 'un-tout-nouveau-mot-de-passe' },
        { origin: 'cli', now: Date.now(), replace: true, associations: system.auth!.associations },
      );
      expect((await nina.json('/api/vans')).status).toBe(401);
    } finally {
      await system.stop();
    }
  });
});

/** A GET or POST with the Host and Origin headers a rebinding page (or a proxy) would send. */
function rawRequest(
  baseUrl: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; text: string }> {
  const { port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: body === undefined ? 'GET' : 'POST',
        headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('security probe: the dashboard answers only the host names it is known by (issue 11, 6)', () => {
  it('outside the demo, refuses to start without GIVRE_PUBLIC_URL or GIVRE_ALLOWED_HOSTS, in one line', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'givre-hosts-'));
    try {
      for (const args of [['dashboard'], ['start']]) {
        const { code, stdout, stderr } = await runGivre(args, {
          GIVRE_DATA_DIR: dataDir,
          GIVRE_HTTP_PORT: '0',
          GIVRE_MQTT_PORT: '0',
          GIVRE_MQTT_PASSWORD: 'un-secret-de-service-assez-long',
          GIVRE_PUBLIC_URL: undefined,
          GIVRE_ALLOWED_HOSTS: undefined,
        });
        expect({ args, code, stdout, lines: stderr.trim().split('\n') }).toEqual({
          args,
          code: 2,
          stdout: '',
          lines: [
            'givre: GIVRE_PUBLIC_URL is unset: expected the dashboard’s address as people reach it (e.g. https://givre.example.org), or its host names in GIVRE_ALLOWED_HOSTS; only the demo (givre start --simulate) runs without',
          ],
        });
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  describe('with GIVRE_PUBLIC_URL', () => {
    let system: TestSystem;
    let host: string;
    beforeAll(async () => {
      system = await startTestSystem({
        auth: 'users',
        env: { GIVRE_PUBLIC_URL: 'https://givre.soreal.example/', GIVRE_ALLOWED_HOSTS: undefined },
      });
      await addUsers(system, [{ username: 'coco', role: 'coordinator' }]);
      host = new URL(system.baseUrl).host;
    });
    afterAll(async () => {
      await system?.stop();
    });

    it.each(['/login', '/verify', '/api/session', '/loads', '/socket.io/?EIO=4&transport=polling'])(
      'refuses %s for another host name (a DNS-rebinding page)',
      async (path) => {
        const res = await rawRequest(system.baseUrl, path, {
          host: `evil.example:${new URL(system.baseUrl).port}`,
        });
        expect(res.status, res.text).toBe(path.startsWith('/socket.io') ? 403 : 421);
        if (!path.startsWith('/socket.io')) expect(JSON.parse(res.text).error.code).toBe('GIVRE_ERR_HOST');
      },
    );

    it('refuses a sign-in sent to another host name, even from that same origin', async () => {
      const evil = `evil.example:${new URL(system.baseUrl).port}`;
      const res = await rawRequest(
        system.baseUrl,
        '/api/login',
        { host: evil, origin: `http://${evil}` },
        JSON.stringify({ username: 'coco', password: TEST_PASSWORD }),
      );
      expect(res.status).toBe(421);
    });

    it('answers the public name, and loopback (a local proxy), and accepts the public origin behind a proxy', async () => {
      expect((await rawRequest(system.baseUrl, '/login', { host: 'givre.soreal.example' })).status).toBe(200);
      expect((await rawRequest(system.baseUrl, '/login', { host })).status).toBe(200);
      const signInFrom = (headers: Record<string, string>) =>
        rawRequest(
          system.baseUrl,
          '/api/login',
          headers,
          JSON.stringify({ username: 'coco', password: TEST_PASSWORD }),
        );
      expect((await signInFrom({ host, origin: 'https://givre.soreal.example' })).status).toBe(200);
      const crossSite = await signInFrom({ host, origin: 'https://evil.example' });
      expect(crossSite.status).toBe(403);
    });

    it('keeps the probes reachable by any name (a container name, an IP)', async () => {
      expect((await rawRequest(system.baseUrl, '/healthz', { host: 'dashboard:8080' })).status).toBe(200);
    });
  });

  describe('in the demo, without configuration', () => {
    let system: TestSystem;
    beforeAll(async () => {
      system = await startTestSystem({
        auth: 'users',
        access: 'devices',
        simulate: { vans: 0, speed: 1, intervalS: 30, seed: 1 },
        env: { GIVRE_ALLOWED_HOSTS: undefined },
      });
    });
    afterAll(async () => {
      await system?.stop();
    });

    it('answers loopback names and IP addresses out of the box, and no other name', async () => {
      const { port } = new URL(system.baseUrl);
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `192.168.1.10:${port}`, `[::1]:${port}`])
        expect((await rawRequest(system.baseUrl, '/login', { host })).status, host).toBe(200);
      for (const host of [
        `evil.example:${port}`,
        `localhost.evil.example:${port}`,
        'x@127.0.0.1',
        'evil.example',
      ])
        expect((await rawRequest(system.baseUrl, '/login', { host })).status, `Host: ${host}`).toBe(421);
    });
  });
});
