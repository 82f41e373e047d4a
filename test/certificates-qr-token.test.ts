import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from './harness/chromium.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { loadInput, registerVans } from './harness/loads-api.ts';
import { addUsers, signIn, type SignedInClient } from './harness/people.ts';

/**
 * Issue 10 (7): the QR code on a paper certificate works for the person who scans it — a
 * volunteer or an inspector with no account sees that it is genuine, current, and what it
 * says; a guessed link shows nothing.
 */
describe('the QR code’s link', () => {
  let system: TestSystem;
  let chromium: TestBrowser;
  let coordinator: SignedInClient;
  let link = '';
  let certificateId = '';

  beforeAll(async () => {
    system = await startTestSystem({ auth: 'users' });
    await addUsers(system, [{ username: 'coco', role: 'coordinator' }]);
    coordinator = await signIn(system.baseUrl, 'coco');
    await registerVans(system, 'VAN-04');
    const load = await coordinator.json<{ id: string }>(
      '/api/loads',
      loadInput({ van: 'VAN-04', profile: 'poultry' }),
    );
    const at = Date.now() - 3_600_000;
    await coordinator.json(`/api/loads/${load.body.id}/events`, { type: 'picked-up', at });
    const delivered = await coordinator.json<{ certificate: string }>(`/api/loads/${load.body.id}/events`, {
      type: 'delivered',
      at: at + 1_800_000,
      reception: { accepted: true },
    });
    certificateId = delivered.body.certificate;
    const html = await (await coordinator.fetch(`/api/loads/${load.body.id}/certificate.html`)).text();
    link = /<a href="([^"]+\/verify\/t\/[^"]+)">/.exec(html)![1]!;
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
    await system?.stop();
  });

  it('carries an unguessable token, not the certificate’s id', () => {
    expect(link).toMatch(/\/verify\/t\/[A-Za-z0-9_-]{32}$/);
    expect(link).not.toContain(certificateId);
  });

  it('shows a person signed out that the certificate is genuine and current, and what it says', async () => {
    const { page, errors } = await chromium.newPage();
    await page.goto(link);
    const result = page.locator('[data-testid="verify-result"]');
    await result.waitFor();
    expect(await result.getAttribute('data-valid')).toBe('true');
    expect(await result.textContent()).toContain('Version en vigueur');
    const facts = (await page.locator('[data-testid="verify-facts"]').textContent()) ?? '';
    expect(facts).toContain('données incomplètes'); // no records at all: honestly incomplete
    expect(facts).toContain('Volaille, lapin, gibier');
    expect(facts).toContain('VAN-04');
    expect(facts).toContain('Givre');
    expect(errors).toEqual([]);
  });

  it('shows nothing for a guessed token, and the API says 404 as for any unknown one', async () => {
    const guess = randomBytes(24).toString('base64url');
    const { page } = await chromium.newPage();
    await page.goto(`${system.baseUrl}/verify/t/${guess}`);
    const result = page.locator('[data-testid="verify-result"]');
    await result.waitFor();
    expect(await result.getAttribute('data-valid')).toBe('false');
    expect(await result.textContent()).toContain('aucun certificat ne correspond à ce lien');
    expect(await page.locator('[data-testid="verify-facts"]').count()).toBe(0);
    const byGuess = await fetch(`${system.baseUrl}/api/certificates/token/${guess}`);
    const malformed = await fetch(`${system.baseUrl}/api/certificates/token/${certificateId}`);
    expect([byGuess.status, malformed.status]).toEqual([404, 404]);
    expect(await byGuess.json()).toEqual(await malformed.json());
  });
});
