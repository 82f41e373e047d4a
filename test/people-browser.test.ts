import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reading } from '../core/readings.ts';
import { launchBrowser, type TestBrowser } from './harness/chromium.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { addUsers, TEST_PASSWORD } from './harness/people.ts';
import { waitFor } from './harness/wait-for.ts';

const T0 = Date.UTC(2026, 10, 26, 19, 0);
/** 40 minutes at 9 °C in the chilled compartment: an excursion alert on the van. */
const warm = (): Reading[] =>
  Array.from({ length: 81 }, (_, i) => ({
    kind: 'temperature' as const,
    seq: 1000 + i,
    ts: T0 + i * 30_000,
    compartment: 'chilled',
    sensor: 'T1',
    celsius: 9,
  }));

/**
 * Issue 4 in Chromium: the French login page signs a coordinator in and lands on the fleet
 * page (live, no CSP violation); a driver acknowledges from the driver view, which sends the
 * CSRF token it read from `/api/session`; signing out goes back to the login page.
 */
describe('people in the browser: login page, session, CSRF from the pages', () => {
  let system: TestSystem;
  let chromium: TestBrowser;

  beforeAll(async () => {
    system = await startTestSystem({ auth: 'users' });
    await addUsers(system, [
      { username: 'coco', role: 'coordinator' },
      { username: 'dave', role: 'driver', vans: ['VAN-01'] },
      { username: 'ada', role: 'admin' },
    ]);
    system.bus.emit('readings-stored', { van: 'VAN-01', readings: warm() });
    await waitFor(() => system.alerts.list({ van: 'VAN-01', limit: 1 })[0]);
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
    await system?.stop();
  });

  it('the French login page signs a coordinator in and lands on the fleet page', async () => {
    const { page, errors } = await chromium.newPage();
    await page.goto(`${system.baseUrl}/`);
    await page.waitForURL(/\/login\?next=%2F$/);
    await page.locator('[data-testid="login-form"]').waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.title()).toBe('Givre — Connexion');
    expect(await page.locator('[data-testid="login-form"]').textContent()).toContain('Mot de passe');

    await page.locator('[data-testid="login-username"]').fill('coco');
    await page.locator('[data-testid="login-password"]').fill('pas le bon mot de passe');
    await page.locator('[data-testid="login-submit"]').click();
    await page
      .locator('[data-testid="login-error"]', { hasText: 'Identifiant ou mot de passe incorrect' })
      .waitFor();

    await page.locator('[data-testid="login-username"]').fill('coco');
    await page.locator('[data-testid="login-password"]').fill(TEST_PASSWORD);
    await page.locator('[data-testid="login-submit"]').click();
    await page.waitForURL(`${system.baseUrl}/`);
    await page.locator('[data-testid="connection"][data-state="live"]').waitFor();
    await page.locator('[data-testid="fleet"] >> text=VAN-01').waitFor();
    expect(await page.locator('[data-testid="account-user"]').textContent()).toContain('coco');

    await page.locator('[data-testid="logout"]').click();
    await page.waitForURL(/\/login$/);
    expect((await page.context().cookies()).find((c) => c.name === 'givre_session')?.value ?? '').toBe('');
    // Chromium logs the deliberate wrong password's 401 as a console error; nothing else may appear.
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    expect(errors).toHaveLength(1);
  });

  it('after sign-in, a ?next= that the URL parser reads as another host stays on this site (issue 11, 2)', async () => {
    const { page } = await chromium.newPage();
    // No public host is reached: whatever the browser would ask evil.example is answered here.
    const wentAway: string[] = [];
    await page.context().route(
      (url) => url.hostname === 'evil.example',
      (route) => {
        wentAway.push(route.request().url());
        return route.fulfill({ status: 200, contentType: 'text/html', body: '<title>evil</title>' });
      },
    );
    for (const next of ['/%09/evil.example/x', '/%0A/evil.example/x', '%2F%5Cevil.example']) {
      await page.goto(`${system.baseUrl}/login?next=${next}`);
      await page.locator('[data-testid="login-username"]').fill('coco');
      await page.locator('[data-testid="login-password"]').fill(TEST_PASSWORD);
      await page.locator('[data-testid="login-submit"]').click();
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      await page.locator('[data-testid="fleet"]').waitFor();
      expect(new URL(page.url()).origin, next).toBe(system.baseUrl);
      await page.locator('[data-testid="logout"]').click();
      await page.waitForURL(/\/login$/);
    }
    expect(wentAway).toEqual([]);
    // A same-site target is still honoured, with its query.
    await page.goto(`${system.baseUrl}/login?next=${encodeURIComponent('/loads?lang=en')}`);
    await page.locator('[data-testid="login-username"]').fill('coco');
    await page.locator('[data-testid="login-password"]').fill(TEST_PASSWORD);
    await page.locator('[data-testid="login-submit"]').click();
    await page.waitForURL(`${system.baseUrl}/loads?lang=en`);
  });

  it('a driver acknowledges from the driver view: the page sends the CSRF token', async () => {
    const { page, errors } = await chromium.newPage();
    await page.goto(`${system.baseUrl}/driver/VAN-01`);
    await page.waitForURL(/\/login\?next=%2Fdriver%2FVAN-01$/);
    await page.locator('[data-testid="login-username"]').fill('dave');
    await page.locator('[data-testid="login-password"]').fill(TEST_PASSWORD);
    await page.locator('[data-testid="login-submit"]').click();
    await page.waitForURL(`${system.baseUrl}/driver/VAN-01`);
    await page.locator('[data-testid="ack-button"]').first().click();
    await page.locator('[data-testid="ack-reason-loading"]').click();
    const acked = await waitFor(() =>
      system.alerts.list({ van: 'VAN-01', limit: 10 }).find((a) => a.state === 'acknowledged'),
    );
    expect(acked.acknowledgement?.by).toBe('dave');
    expect(errors).toEqual([]);
  });

  it('an admin adds a user on /admin, sees the password once, and reads the audit log', async () => {
    const { page, errors } = await chromium.newPage();
    await page.goto(`${system.baseUrl}/admin`);
    await page.locator('[data-testid="login-username"]').fill('ada');
    await page.locator('[data-testid="login-password"]').fill(TEST_PASSWORD);
    await page.locator('[data-testid="login-submit"]').click();
    await page.waitForURL(`${system.baseUrl}/admin`);
    await page.locator('[data-testid="user-row"] >> text=dave').waitFor();
    await page.locator('[data-testid="user-username"]').fill('zoe');
    await page.locator('[data-testid="user-role"]').selectOption('association');
    await page.locator('[data-testid="user-association"]').selectOption('resto-du-coeur-mons');
    await page.locator('[data-testid="user-submit"]').click();
    await page.locator('[data-testid="user-password-panel"]', { hasText: 'Compte zoe créé' }).waitFor();
    expect(await page.locator('[data-testid="user-password"]').textContent()).toMatch(/^[a-z2-9-]{23}$/);
    expect(system.auth?.users.get('zoe')).toMatchObject({
      role: 'association',
      association: 'resto-du-coeur-mons',
    });
    await page.locator('[data-testid="audit-action"]', { hasText: 'Compte créé' }).waitFor();
    expect(errors).toEqual([]);
  });
});
