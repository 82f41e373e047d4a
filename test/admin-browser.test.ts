import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditAction } from '../core/api/audit.ts';
import { TEXT } from '../dashboard/text/catalogue.ts';
import { auditAccessibility } from './harness/axe.ts';
import { signedInPage } from './harness/browser-session.ts';
import { launchBrowser, type TestBrowser } from './harness/chromium.ts';
import { connackCode, connectAsVan } from './harness/mqtt-client.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { registerVans } from './harness/loads-api.ts';
import { addUsers, login, TEST_PASSWORD } from './harness/people.ts';
import { saveScreenshot } from './harness/screenshots.ts';

/**
 * Issue 12, the administration page in Chromium against `givre start` with device
 * credentials enforced: a van's credentials added (the secret shown once), used by a real
 * MQTT client, revoked after a confirmation; a user disabled and re-enabled after one; the
 * profiles and the audit log in words, never codes.
 */
describe('the administration page', () => {
  let system: TestSystem;
  let chromium: TestBrowser;

  beforeAll(async () => {
    system = await startTestSystem({ auth: 'users', access: 'devices' });
    await addUsers(system, [
      { username: 'ada', role: 'admin' },
      { username: 'nina', role: 'driver', vans: ['VAN-01'] },
    ]);
    await registerVans(system, 'VAN-01');
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
    await system?.stop();
  });

  it('adds a van’s credentials, shows the secret once, and the van connects with it; revoked after a confirmation, it is refused', async () => {
    const { page, errors } = await signedInPage(chromium, system.baseUrl, 'ada');
    await page.goto(`${system.baseUrl}/admin`);
    const devices = page.locator('[data-testid="devices"]');
    await devices.locator('[data-van="VAN-01"]').waitFor();
    // A reserved id is refused beside the field, in French.
    await devices.locator('[data-testid="device-van"]').fill('givre-ingest');
    await devices.locator('[data-testid="device-submit"]').click();
    await devices.locator('[data-testid="device-error-van"]', { hasText: 'Identifiant invalide' }).waitFor();
    expect(await devices.locator('[data-testid="device-van"]').getAttribute('aria-invalid')).toBe('true');

    await devices.locator('[data-testid="device-van"]').fill('VAN-09');
    await devices.locator('[data-testid="device-submit"]').click();
    const secret = (await devices.locator('[data-testid="device-secret"]').textContent()) ?? '';
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(await devices.locator('[data-testid="device-secret-panel"]').textContent()).toContain(
      'il ne sera plus jamais affiché',
    );
    await devices.locator('[data-van="VAN-09"]').waitFor();
    expect(await devices.locator('[data-van="VAN-09"]').textContent()).toContain('La page d’administration');
    await page
      .locator('[data-testid="audit-action"]', { hasText: 'Identifiants de véhicule créés' })
      .waitFor();
    // The secret on screen, with its copy button, and a question asked: still WCAG 2.1 AA.
    await devices.locator('[data-testid="device-revoke-VAN-01"]').click();
    expect(await auditAccessibility(page)).toEqual([]);

    // Never again retrievable: a reload shows the van, not its secret.
    await page.reload();
    await devices.locator('[data-van="VAN-09"]').waitFor();
    expect(await page.locator('[data-testid="device-secret"]').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);

    const van = await connectAsVan(system.mqttUrl, 'VAN-09', secret);
    const closed = new Promise<void>((resolve) => van.once('close', () => resolve()));

    // Revoking asks first; « Annuler » changes nothing.
    await devices.locator('[data-testid="device-revoke-VAN-09"]').click();
    const ask = devices.locator('[data-testid="device-revoke-VAN-09-ask"]');
    expect(await ask.textContent()).toContain('Révoquer les identifiants de VAN-09 ?');
    await ask.locator('[data-testid="device-revoke-VAN-09-cancel"]').click();
    await devices.locator('[data-testid="device-revoke-VAN-09"]').waitFor();
    expect(system.devices.get('VAN-09')?.revokedAt).toBeNull();

    await devices.locator('[data-testid="device-revoke-VAN-09"]').click();
    await devices.locator('[data-testid="device-revoke-VAN-09-confirm"]').click();
    await devices
      .locator('[data-van="VAN-09"] [data-testid="device-state"]', { hasText: 'Révoqués le' })
      .waitFor();
    await closed; // the broker dropped the connected van
    van.end(true);
    expect(await connackCode(connectAsVan(system.mqttUrl, 'VAN-09', secret))).toBe(5);
    await page
      .locator('[data-testid="audit-action"]', { hasText: 'Identifiants de véhicule révoqués' })
      .waitFor();
    // Chromium logs the deliberate reserved id's 400 as a console error; nothing else may appear.
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  });

  it('disables a user after a confirmation, who can no longer sign in, and re-enables them, who can', async () => {
    const { page, errors } = await signedInPage(chromium, system.baseUrl, 'ada');
    await page.goto(`${system.baseUrl}/admin`);
    const users = page.locator('[data-testid="users-section"]');
    const nina = users.locator('[data-username="nina"]');
    await nina.waitFor();
    expect(await nina.locator('[data-testid="user-role-words"]').textContent()).toBe('Chauffeur');
    // No way to disable oneself.
    expect(await users.locator('[data-testid="disable-ada"]').count()).toBe(0);

    await nina.locator('[data-testid="disable-nina"]').click();
    await nina.locator('[data-testid="disable-nina-confirm"]').click();
    await nina.locator('[data-testid="user-state"]', { hasText: 'Désactivé le' }).waitFor();
    expect((await login(system.baseUrl, 'nina', TEST_PASSWORD)).status).toBe(401);

    await nina.locator('[data-testid="enable-nina"]').click();
    expect(await nina.locator('[data-testid="enable-nina-ask"]').textContent()).toContain(
      'Réactiver le compte nina ?',
    );
    await nina.locator('[data-testid="enable-nina-confirm"]').click();
    await nina.locator('[data-testid="user-state"]', { hasText: 'Actif' }).waitFor();
    expect((await login(system.baseUrl, 'nina', TEST_PASSWORD)).status).toBe(200);
    await page.locator('[data-testid="audit-action"]', { hasText: 'Compte réactivé' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('adds a driver bound to a known van from the form, with the first password shown once', async () => {
    const { page, errors } = await signedInPage(chromium, system.baseUrl, 'ada');
    await page.goto(`${system.baseUrl}/admin`);
    const form = page.locator('[data-testid="user-form"]');
    await form.locator('[data-testid="user-username"]').fill('marc');
    await form.locator('[data-testid="user-role"]').selectOption('driver');
    // A driver without a van is refused beside the vans, before anything is sent.
    await form.locator('[data-testid="user-submit"]').click();
    await form.locator('[data-testid="user-error-vans"]', { hasText: 'au moins un véhicule' }).waitFor();
    // Only known vans are offered: VAN-01 has credentials, the revoked VAN-09 has none.
    expect(await form.locator('[data-testid="user-van-VAN-09"]').count()).toBe(0);
    await form.locator('[data-testid="user-van-VAN-01"]').check();
    await form.locator('[data-testid="user-submit"]').click();
    const password = (await page.locator('[data-testid="user-password"]').textContent()) ?? '';
    expect((await login(system.baseUrl, 'marc', password)).status).toBe(200);
    expect(system.auth?.users.get('marc')).toMatchObject({
      role: 'driver',
      vans: ['VAN-01'],
      origin: 'admin',
    });
    await page.locator('[data-username="marc"]').waitFor();
    expect(errors).toEqual([]);
  });

  it('shows the product profiles and the audit log in words, never codes', async () => {
    const { page, errors } = await signedInPage(chromium, system.baseUrl, 'ada');
    await page.goto(`${system.baseUrl}/admin`);
    const frozen = page.locator('[data-testid="profile-row"][data-profile="frozen"]');
    await frozen.waitFor();
    const frozenText = (await frozen.textContent()) ?? '';
    expect(frozenText).toContain('Denrées surgelées');
    expect(frozenText).toContain('−18 °C');
    expect(frozenText).toContain('−15 °C');
    expect(frozenText).toContain('directive 89/108/CEE');
    expect(await page.locator('[data-testid="profile-row"]').count()).toBe(9);
    expect(await page.locator('[data-testid="profiles"] h2').count()).toBe(1);

    await page.locator('[data-testid="audit-row"]').first().waitFor();
    const actions = await page.locator('[data-testid="audit-action"]').allTextContents();
    const words = new Set(
      Object.values(TEXT.fr.admin.auditActions).map((w) => w.charAt(0).toUpperCase() + w.slice(1)),
    );
    expect(actions.length).toBeGreaterThan(5);
    for (const action of actions) expect(words, action).toContain(action);
    const shown = (await page.locator('main').textContent()) ?? '';
    for (const code of [
      ...AuditAction.options.filter((c) => c.includes('-')),
      'coordinator',
      'driver',
      'frozen',
    ])
      expect(shown, code).not.toContain(code);
    await saveScreenshot(page, 'admin', { width: 1280, height: 900 });
    expect(errors).toEqual([]);
  });

  it('speaks English with ?lang=en', async () => {
    const { page, errors } = await signedInPage(chromium, system.baseUrl, 'ada');
    await page.goto(`${system.baseUrl}/admin?lang=en`);
    await page.locator('[data-testid="audit-action"]', { hasText: 'Account re-enabled' }).waitFor();
    expect(await page.locator('[data-testid="devices"] h2').textContent()).toBe(
      'Vans and their MQTT credentials',
    );
    expect(await page.locator('[data-username="nina"] [data-testid="user-role-words"]').textContent()).toBe(
      'Driver',
    );
    expect(errors).toEqual([]);
  });
});
