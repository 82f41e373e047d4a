import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from './harness/chromium.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { addUsers, signIn as signInClient, TEST_PASSWORD } from './harness/people.ts';
import { PHONE, saveScreenshot } from './harness/screenshots.ts';
import { loadInput, registerVans } from './harness/loads-api.ts';
import { waitFor } from './harness/wait-for.ts';
import type { Reading } from '../core/readings.ts';

const NOW = Math.floor(Date.now() / 60_000) * 60_000;
/** Two vans' last half hour: chilled at 3–4 °C, frozen at −20 °C, a door opened on VAN-02. */
const night = (van: string, seq0: number): Reading[] =>
  Array.from({ length: 60 }, (_, i): Reading[] => [
    {
      kind: 'temperature',
      seq: seq0 + 3 * i,
      ts: NOW - (59 - i) * 30_000,
      compartment: 'chilled',
      sensor: `${van}-T1`,
      celsius: 3 + (i % 10) / 10,
    },
    {
      kind: 'temperature',
      seq: seq0 + 3 * i + 1,
      ts: NOW - (59 - i) * 30_000,
      compartment: 'frozen',
      sensor: `${van}-T2`,
      celsius: -20,
    },
    {
      kind: 'door',
      seq: seq0 + 3 * i + 2,
      ts: NOW - (59 - i) * 30_000,
      compartment: 'chilled',
      open: van === 'VAN-02' && i > 50,
    },
  ]).flat();

/**
 * Issue 12, navigation by role, in Chromium: after signing in each person lands where their
 * work is, with a header of the pages their role may open; a driver opening a van they are
 * not bound to gets the same 404 as any unknown page.
 */
describe('navigation by role', () => {
  let system: TestSystem;
  let chromium: TestBrowser;

  beforeAll(async () => {
    system = await startTestSystem({ auth: 'users' });
    await addUsers(system, [
      { username: 'coco', role: 'coordinator' },
      { username: 'dave', role: 'driver', vans: ['VAN-02'] },
      { username: 'dora', role: 'driver', vans: ['VAN-01', 'VAN-02'] },
      { username: 'resto', role: 'association', association: 'resto-du-coeur-mons' },
      { username: 'ada', role: 'admin' },
    ]);
    system.bus.emit('readings-stored', { van: 'VAN-01', readings: night('VAN-01', 1) });
    system.bus.emit('readings-stored', { van: 'VAN-02', readings: night('VAN-02', 1) });
    const coordinator = await signInClient(system.baseUrl, 'coco');
    await registerVans(system, 'VAN-01');
    const load = (
      await coordinator.json<{ id: string }>('/api/loads', loadInput({ van: 'VAN-01', profile: 'dairy' }))
    ).body;
    for (const event of [
      { type: 'picked-up', at: NOW - 20 * 60_000 },
      { type: 'delivered', at: NOW - 60_000, reception: { accepted: true } },
    ])
      expect((await coordinator.json(`/api/loads/${load.id}/events`, event)).status).toBeLessThan(300);
    await waitFor(() => system.fleet.get('VAN-02'), { what: 'the vans on the fleet' });
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
    await system?.stop();
  });

  const signIn = async (username: string) => {
    const { page, errors } = await chromium.newPage();
    await page.goto(`${system.baseUrl}/login`);
    await page.locator('[data-testid="login-username"]').fill(username);
    await page.locator('[data-testid="login-password"]').fill(TEST_PASSWORD);
    await page.locator('[data-testid="login-submit"]').click();
    return { page, errors };
  };
  const header = async (page: Awaited<ReturnType<typeof signIn>>['page']) => {
    await page.locator('[data-testid="nav"] a').first().waitFor();
    return page.locator('[data-testid="nav"] a').allTextContents();
  };

  it.each([
    {
      username: 'coco',
      path: '/',
      links: ['Flotte', 'Alertes', 'Chargements', 'Carte'],
      role: 'coordination',
    },
    {
      username: 'ada',
      path: '/',
      links: ['Flotte', 'Alertes', 'Chargements', 'Carte', 'Administration'],
      role: 'administrateur',
    },
    { username: 'dave', path: '/driver/VAN-02', links: ['VAN-02', 'Alertes'], role: 'chauffeur' },
    { username: 'dora', path: '/', links: ['Flotte', 'VAN-01', 'VAN-02', 'Alertes'], role: 'chauffeur' },
    {
      username: 'resto',
      path: '/associations/resto-du-coeur-mons',
      links: ['Nos chargements'],
      role: 'association',
    },
  ])('$username lands on $path with the header $links', async ({ username, path, links, role }) => {
    const { page, errors } = await signIn(username);
    await page.waitForURL(`${system.baseUrl}${path}`);
    expect(await header(page)).toEqual(links);
    expect(await page.locator('[data-testid="account-user"]').textContent()).toContain(
      `${username} · ${role}`,
    );
    expect(await page.locator('[data-testid="nav"] [aria-current="page"]').count()).toBeLessThanOrEqual(1);
    expect(errors).toEqual([]);
    // `npm run screenshots`: each role's page as its people see it.
    const shots: Record<string, [string, typeof PHONE | undefined]> = {
      coco: ['fleet', undefined],
      dave: ['driver-phone', PHONE],
      resto: ['association', undefined],
    };
    const shot = shots[username];
    if (shot) await saveScreenshot(page, shot[0], shot[1]);
    if (username === 'dave') {
      // The driver's page is read on a phone: nothing in it, the top bar included, reaches past the edge.
      await page.setViewportSize(PHONE);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        PHONE.width,
      );
    }
    if (username === 'coco') {
      await page.goto(`${system.baseUrl}/loads`);
      await page.locator('[data-testid="nav-loads"][aria-current="page"]').waitFor();
      await saveScreenshot(page, 'loads');
    }
  });

  it('a driver on another van’s page, or an association on another’s, gets 404 like any unknown page', async () => {
    const { page } = await signIn('dave');
    await page.waitForURL(`${system.baseUrl}/driver/VAN-02`);
    const other = await page.goto(`${system.baseUrl}/driver/VAN-01`);
    expect(other?.status()).toBe(404);
    expect(await other?.json()).toMatchObject({ error: { code: 'GIVRE_ERR_NOT_FOUND' } });
    const unknown = await page.goto(`${system.baseUrl}/no-such-page`);
    expect(unknown?.status()).toBe(404);
    expect(await unknown?.json()).toMatchObject({ error: { code: 'GIVRE_ERR_NOT_FOUND' } });
    const association = await signIn('resto');
    await association.page.waitForURL(/\/associations\/resto-du-coeur-mons$/);
    expect((await association.page.goto(`${system.baseUrl}/associations/another-one`))?.status()).toBe(404);
  });
});
