import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditAccessibility } from './harness/axe.ts';
import { signedInPage } from './harness/browser-session.ts';
import { launchBrowser, type TestBrowser } from './harness/chromium.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { registerVans } from './harness/loads-api.ts';
import { connectClient, temperatureBatch } from './harness/mqtt-client.ts';
import { addUsers } from './harness/people.ts';
import { vanTopic } from '../core/topics.ts';

const DAY = 86_400_000;
const dayFromNow = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(Date.now() + days * DAY);
const inWords = (day: string, year: boolean) =>
  new Intl.DateTimeFormat('fr-BE', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    ...(year ? { year: 'numeric' } : {}),
  }).format(new Date(`${day}T12:00:00Z`));

/**
 * Issue 16 in Chromium: an admin records a van's recorder calibration from the admin page
 * (a refused field said beside it, in French), and the fleet page flags the van whose next
 * verification is due within 30 days.
 */
describe('recorder calibration on the admin page and the fleet page', () => {
  let system: TestSystem;
  let chromium: TestBrowser;

  beforeAll(async () => {
    system = await startTestSystem({ auth: 'users' });
    await addUsers(system, [{ username: 'ada', role: 'admin' }]);
    await registerVans(system, 'VAN-31', 'VAN-32');
    // The fleet page shows the vans that have reported: one record each.
    const client = await connectClient(system.mqttUrl);
    for (const van of ['VAN-31', 'VAN-32'])
      await client.publishAsync(vanTopic(van, 'telemetry'), JSON.stringify(temperatureBatch(van, 1)), {
        qos: 1,
      });
    await client.endAsync();
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
    await system?.stop();
  });

  it('an admin adds a record; the fleet page shows the badge for the van due soon, not for the other', async () => {
    const { page, errors } = await signedInPage(chromium, system.baseUrl, 'ada');
    await page.goto(`${system.baseUrl}/admin`);
    const section = page.locator('[data-testid="calibrations"]');
    await section
      .locator('[data-testid="calibration-van"] option[value="VAN-31"]')
      .waitFor({ state: 'attached' });
    await section.locator('[data-testid="calibration-van"]').selectOption('VAN-31');
    await section.locator('[data-testid="calibration-standing"]', { hasText: 'Aucun enregistré' }).waitFor();

    const due = dayFromNow(12);
    await section.locator('[data-testid="calibration-verifiedOn"]').fill(dayFromNow(-353));
    await section.locator('[data-testid="calibration-laboratory"]').fill('Labo Étalon sprl');
    await section.locator('[data-testid="calibration-nextDueOn"]').fill(due);
    await section.locator('[data-testid="calibration-submit"]').click();
    // The reference was left empty: said beside its field, in French, and nothing recorded.
    await section
      .locator('[data-testid="calibration-error-reference"]', { hasText: 'Indiquez la référence' })
      .waitFor();
    expect(await section.locator('[data-testid="calibration-reference"]').getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(await auditAccessibility(page)).toEqual([]);

    await section.locator('[data-testid="calibration-reference"]').fill('CAL-2026-112');
    await section.locator('[data-testid="calibration-submit"]').click();
    await section
      .locator('[data-testid="calibrations-message"]', { hasText: 'Étalonnage de VAN-31 enregistré' })
      .waitFor();
    const row = section.locator('[data-testid="calibration-row"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('CAL-2026-112');
    expect(await row.textContent()).toContain(inWords(due, true));
    expect(await section.locator('[data-testid="calibration-error-reference"]').isHidden()).toBe(true);
    await page.locator('[data-testid="audit-action"]', { hasText: 'Étalonnage enregistré' }).waitFor();

    await page.goto(`${system.baseUrl}/`);
    const badge = page.locator('[data-testid="calibration-VAN-31"]');
    await page.locator('[data-testid="van-VAN-31"]').waitFor();
    await badge.waitFor();
    expect(await badge.textContent()).toBe(`Étalonnage à faire avant le ${inWords(due, false)}`);
    await page.locator('[data-testid="van-VAN-32"]').waitFor();
    expect(await page.locator('[data-testid="calibration-VAN-32"]').count()).toBe(0);
    // The one refusal the page showed beside the field is the only failed request.
    expect(errors).toEqual([
      'Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
  });
});
