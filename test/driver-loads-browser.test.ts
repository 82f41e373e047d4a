import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from './harness/chromium.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { loadInput, loadsApi, registerVans } from './harness/loads-api.ts';
import { waitFor } from './harness/wait-for.ts';

/**
 * Issue 6: "drivers mark pickup and delivery from the driver view". In Chromium, on
 * /driver/VAN-01: a planned load is listed; "Chargé" then "Livré" with a probe temperature
 * change it through the API, and the delivery issues a certificate quoting the reception check.
 */
describe('driver view: pickup and delivery of the van’s loads', () => {
  let system: TestSystem;
  let chromium: TestBrowser;

  beforeAll(async () => {
    system = await startTestSystem();
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
    await system?.stop();
  });

  it('picks up, then delivers with a reception check, and the certificate quotes it', async () => {
    const api = loadsApi(system.baseUrl);
    await registerVans(system, 'VAN-01', 'VAN-02');
    const load = await api.create(loadInput({ van: 'VAN-01', profile: 'poultry' }));
    await api.create(loadInput({ van: 'VAN-02' })); // another van's load is not shown
    const { page, errors } = await chromium.newPage();
    await page.goto(`${system.baseUrl}/driver/VAN-01`);

    const card = page.locator(`[data-testid="driver-load"][data-load-id="${load.id}"]`);
    await card.waitFor();
    expect(await page.locator('[data-testid="driver-load"]').count()).toBe(1);
    expect(await card.getAttribute('data-status')).toBe('planned');
    expect(await card.textContent()).toContain('Volaille'); // French first

    await card.locator('[data-testid="load-pickup"]').click();
    await card.locator('[data-testid="pickup-confirm"]').click();
    await page.locator(`[data-testid="driver-load"][data-status="picked-up"]`).waitFor();
    expect((await api.get(load.id)).status).toBe('picked-up');

    await card.locator('[data-testid="load-deliver"]').click();
    await card.locator('[data-testid="reception-probe"]').fill('3.4');
    await card.locator('[data-testid="reception-by-driver"]').click();
    await card.locator('[data-testid="reception-confirm"]').click();
    await page.locator(`[data-testid="driver-load"][data-status="delivered"]`).waitFor();

    const delivered = await api.get(load.id);
    expect(delivered).toMatchObject({
      status: 'delivered',
      reception: { accepted: true, probeCelsius: 3.4 },
    });
    expect(delivered.events.map((e) => [e.type, e.by])).toEqual([
      ['created', 'coordinator'],
      ['picked-up', 'driver:VAN-01'],
      ['delivered', 'driver:VAN-01'],
    ]);
    const signed = await waitFor(() => api.certificate(load.id), { what: 'the certificate' });
    expect(signed.certificate.load.reception).toEqual({
      accepted: true,
      probeCelsius: 3.4,
      by: 'driver:VAN-01',
    });
    expect(await api.verify(signed)).toMatchObject({ valid: true });
    expect(errors).toEqual([]);
  });

  it('refuses a delivery without a reason, then records the refusal as a rejection', async () => {
    const api = loadsApi(system.baseUrl);
    await registerVans(system, 'VAN-03');
    const load = await api.create(loadInput({ van: 'VAN-03' }));
    await api.mark(load.id, { type: 'picked-up', at: Date.now() - 60_000, by: 'driver' });
    const { page, errors } = await chromium.newPage();
    await page.goto(`${system.baseUrl}/driver/VAN-03?lang=en`);
    const card = page.locator(`[data-testid="driver-load"][data-load-id="${load.id}"]`);
    await card.locator('[data-testid="load-deliver"]').click();
    await card.locator('[data-testid="reception-refused"]').click();
    await card.locator('[data-testid="reception-confirm"]').click();
    await page.locator('[data-testid="driver-loads-error"]').waitFor();
    expect((await api.get(load.id)).status).toBe('picked-up');

    await card.locator('[data-testid="reception-reason"]').fill('packaging torn');
    await card.locator('[data-testid="reception-confirm"]').click();
    await page.locator(`[data-testid="driver-load"][data-status="rejected"]`).waitFor();
    expect((await api.get(load.id)).reception).toMatchObject({ accepted: false, reason: 'packaging torn' });
    expect(errors).toEqual([]);
  });
});
