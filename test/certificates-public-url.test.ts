import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { loadInput, loadsApi, registerVans } from './harness/loads-api.ts';

/**
 * GIVRE_PUBLIC_URL: behind a proxy the dashboard sees its own host (127.0.0.1 here), but the
 * QR code and the verification link printed for an association must carry the public address.
 */
describe('certificates: the verification link follows GIVRE_PUBLIC_URL', () => {
  let system: TestSystem;
  let certificateId: string;
  let loadId: string;

  beforeAll(async () => {
    system = await startTestSystem({ env: { GIVRE_PUBLIC_URL: 'https://givre.soreal.example/' } });
    const api = loadsApi(system.baseUrl);
    await registerVans(system, 'VAN-05');
    const load = await api.create(loadInput({ van: 'VAN-05' }));
    await api.mark(load.id, { type: 'picked-up', at: Date.now() - 3_600_000, by: 'driver' });
    await api.mark(load.id, {
      type: 'delivered',
      at: Date.now(),
      by: 'driver',
      reception: { accepted: true },
    });
    loadId = load.id;
    certificateId = (await api.certificate(load.id)).certificate.id;
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('prints the public address, not the request’s host, on the HTML certificate', async () => {
    const html = await (await fetch(`${system.baseUrl}/api/loads/${loadId}/certificate.html`)).text();
    // The QR code's link carries the version's verification token, not its id (issue 10, 7).
    expect(html).toMatch(/href="https:\/\/givre\.soreal\.example\/verify\/t\/[A-Za-z0-9_-]{32}"/);
    expect(html).not.toContain(`/verify/${certificateId}`);
    expect(html).not.toContain(`${system.baseUrl}/verify/`);
  });

  it('uses it in the EPCIS event too', async () => {
    const epcis = await (await fetch(`${system.baseUrl}/api/loads/${loadId}/epcis.json`)).text();
    expect(epcis).toContain('https://givre.soreal.example/');
    expect(epcis).not.toContain(system.baseUrl);
  });
});
