import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from './harness/chromium.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';

/**
 * The whole path a coordinator relies on: simulated vans → aedes → ingest → SQLite and the
 * fleet state → socket.io → the fleet page in headless Chromium.
 */
describe('givre start --simulate, seen in a browser', () => {
  let system: TestSystem;
  let chromium: TestBrowser;
  beforeAll(async () => {
    // 120× time with the default 30 s interval: a new batch every 250 ms of wall time.
    system = await startTestSystem({ simulate: { vans: 2, speed: 120, intervalS: 30, seed: 3 } });
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
    await system?.stop();
  });

  it('shows every van online and a compartment temperature changing live', async () => {
    const { page, errors } = await chromium.newPage();
    await page.goto(system.baseUrl);
    for (const van of ['VAN-01', 'VAN-02']) {
      await page
        .locator(`[data-testid="status-${van}"]`)
        .filter({ hasText: 'en ligne' })
        .waitFor({ timeout: 15_000 });
    }
    const temperature = page.locator('[data-testid="temp-VAN-01-chilled"]');
    await temperature.filter({ hasText: /°C/ }).waitFor({ timeout: 15_000 });
    const seen = new Set<string>([(await temperature.textContent()) ?? '']);
    const frozen = page.locator('[data-testid="temp-VAN-01-frozen"]');
    // Live: without reloading, the page shows at least two more distinct readings.
    await page.waitForFunction(
      (before) => {
        const now = document.querySelector('[data-testid="temp-VAN-01-chilled"]')?.textContent ?? '';
        return now !== before && /°C/.test(now);
      },
      [...seen][0],
      { timeout: 20_000 },
    );
    expect(await frozen.textContent()).toMatch(/^-\d+,\d °C$/);
    expect(await page.locator('[data-testid="door-VAN-01-chilled"]').textContent()).toMatch(
      /porte (ouverte|fermée)/,
    );
    expect(errors).toEqual([]);
  });
});
