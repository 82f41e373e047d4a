import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationPreferences } from '../core/api/push.ts';
import { auditAccessibility } from './harness/axe.ts';
import { signedInPage } from './harness/browser-session.ts';
import { launchBrowser, type TestBrowser } from './harness/chromium.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { addUsers, signIn } from './harness/people.ts';

/** A box of the form: whether it is checked, whether it can be changed, and what explains it. */
const box = (page: Page, testId: string) =>
  page.locator(`[data-testid="${testId}"]`).evaluate((input: HTMLInputElement) => ({
    checked: input.checked,
    disabled: input.disabled,
    describedBy: input.getAttribute('aria-describedby'),
    label: input.closest('label')?.textContent?.trim() ?? null,
  }));

/**
 * Issue 15 in Chromium: on `/account`, each person chooses per channel (push, SMS) which
 * severities and kinds of alert reach them, saved through `PUT /api/account/notifications`;
 * what the server enforces anyway is shown checked and locked, with the reason in words — a
 * driver's own van's critical alerts by notification, a coordinator's escalations.
 */
describe('notification preferences on the account page', () => {
  let system: TestSystem;
  let chromium: TestBrowser;

  beforeAll(async () => {
    system = await startTestSystem({ auth: 'users', env: { GIVRE_PUSH_SERVICES: 'http://127.0.0.1' } });
    await addUsers(system, [
      { username: 'dave', role: 'driver', vans: ['VAN-01'] },
      { username: 'coco', role: 'coordinator' },
      { username: 'ada', role: 'admin' },
      { username: 'resto', role: 'association', association: 'resto-du-coeur-mons' },
    ]);
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
    await system?.stop();
  });

  it('a driver turns warnings and a kind off; their van’s critical alerts stay on, and say why', async () => {
    const { page, errors } = await signedInPage(chromium, system.baseUrl, 'dave');
    await page.goto(`${system.baseUrl}/driver/VAN-01`);
    await page.locator('[data-testid="account-user"]').click();
    await page.waitForURL(`${system.baseUrl}/account`);
    expect(await page.title()).toBe('Givre — Mon compte');
    await page.locator('[data-testid="pref-form"]').waitFor();

    expect(await box(page, 'pref-push-severity-critical')).toEqual({
      checked: true,
      disabled: true,
      describedBy: 'pref-push-critical-locked',
      label: 'Critique',
    });
    expect(await page.locator('#pref-push-critical-locked').textContent()).toBe(
      'Toujours : une alerte critique de votre véhicule vous parvient quels que soient vos choix.',
    );
    expect(await box(page, 'pref-push-kind-low-battery')).toMatchObject({
      disabled: false,
      label: 'Batterie faible',
    });
    // By SMS, a critical alert is the driver's choice (the forced one comes by notification).
    expect(await box(page, 'pref-sms-severity-critical')).toMatchObject({ checked: false, disabled: false });
    // Escalations are the coordination's: a driver is not offered them.
    expect(await page.locator('[data-testid="pref-escalations"]').count()).toBe(0);
    expect(await auditAccessibility(page)).toEqual([]);

    // Warnings off on the phone; critical excursions by SMS too.
    await page.locator('[data-testid="pref-push-severity-warning"]').setChecked(false);
    await page.locator('[data-testid="pref-sms-severity-critical"]').setChecked(true);
    await page.locator('[data-testid="pref-sms-kind-excursion"]').setChecked(true);
    await page.locator('[data-testid="pref-save"]').click();
    await page.locator('[data-testid="pref-status"]', { hasText: 'Choix enregistrés.' }).waitFor();

    const dave = await signIn(system.baseUrl, 'dave');
    const { body: saved } = await dave.json<NotificationPreferences>('/api/account/notifications');
    expect(saved.channels.push.severities).toEqual(['critical']);
    expect(saved.channels.sms).toEqual({ severities: ['critical'], kinds: ['excursion'] });

    // Read back as saved.
    await page.reload();
    await page.locator('[data-testid="pref-form"]').waitFor();
    expect((await box(page, 'pref-push-severity-warning')).checked).toBe(false);
    expect((await box(page, 'pref-sms-kind-excursion')).checked).toBe(true);
    expect((await box(page, 'pref-sms-kind-low-battery')).checked).toBe(false);
    expect((await box(page, 'pref-push-severity-critical')).checked).toBe(true);
    expect(errors).toEqual([]);
  });

  it('a coordinator sees escalations as always on; in English too', async () => {
    const { page, errors } = await signedInPage(chromium, system.baseUrl, 'coco');
    await page.goto(`${system.baseUrl}/account?lang=en`);
    await page.locator('[data-testid="pref-form"]').waitFor();
    expect(await box(page, 'pref-escalations')).toEqual({
      checked: true,
      disabled: true,
      describedBy: 'pref-escalations-locked',
      label: 'Alerts handed to the coordination team, and reminders',
    });
    expect(await page.locator('#pref-escalations-locked').textContent()).toBe(
      'Always: the coordination team gets every alert nobody acknowledged in time.',
    );
    // No van of their own: nothing of theirs is locked by severity.
    expect((await box(page, 'pref-push-severity-critical')).disabled).toBe(false);
    expect(await auditAccessibility(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('an administrator may turn escalations off; an association has nothing to choose', async () => {
    const { page } = await signedInPage(chromium, system.baseUrl, 'ada');
    await page.goto(`${system.baseUrl}/account`);
    await page.locator('[data-testid="pref-form"]').waitFor();
    expect(await box(page, 'pref-escalations')).toMatchObject({ checked: true, disabled: false });
    await page.locator('[data-testid="pref-escalations"]').setChecked(false);
    await page.locator('[data-testid="pref-save"]').click();
    await page.locator('[data-testid="pref-status"]', { hasText: 'Choix enregistrés.' }).waitFor();
    const ada = await signIn(system.baseUrl, 'ada');
    expect((await ada.json<NotificationPreferences>('/api/account/notifications')).body.escalations).toBe(
      false,
    );

    const association = await signedInPage(chromium, system.baseUrl, 'resto');
    await association.page.goto(`${system.baseUrl}/account`);
    await association.page
      .locator('[data-testid="pref-none"]', { hasText: 'Un compte d’association ne reçoit pas d’alertes.' })
      .waitFor();
    expect(await association.page.locator('[data-testid="pref-form"]').count()).toBe(0);
  });
});
