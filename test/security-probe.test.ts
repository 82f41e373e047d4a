import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { addUsers, signIn, type SignedInClient } from './harness/people.ts';

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
