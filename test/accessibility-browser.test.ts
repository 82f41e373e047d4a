import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reading } from '../core/readings.ts';
import { auditAccessibility } from './harness/axe.ts';
import { signedInPage } from './harness/browser-session.ts';
import { launchBrowser, type TestBrowser } from './harness/chromium.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { loadInput } from './harness/loads-api.ts';
import { addUsers, signIn } from './harness/people.ts';
import { waitFor } from './harness/wait-for.ts';

const NOW = Math.floor(Date.now() / 60_000) * 60_000;
/** The last 40 minutes of a van: VAN-02's chilled compartment warm (an alert), its door open. */
const night = (van: string, warm: boolean): Reading[] =>
  Array.from({ length: 80 }, (_, i): Reading[] => [
    {
      kind: 'temperature',
      seq: 1 + 2 * i,
      ts: NOW - (79 - i) * 30_000,
      compartment: 'chilled',
      sensor: `${van}-T1`,
      celsius: warm && i > 30 ? 9.5 : 3.5,
    },
    {
      kind: 'door',
      seq: 2 + 2 * i,
      ts: NOW - (79 - i) * 30_000,
      compartment: 'chilled',
      open: warm && i > 75,
    },
  ]).flat();

/**
 * Issue 12, "accessible": every page, as each role sees it with live data and an alert on
 * screen, passes axe-core's WCAG 2.1 AA rules (labels, contrast — small badges included —,
 * names, landmarks); a keyboard reaches the content through the skip link and sees where
 * its focus is.
 */
describe('accessibility of every page', () => {
  let system: TestSystem;
  let chromium: TestBrowser;
  let loadId: string;

  beforeAll(async () => {
    system = await startTestSystem({ auth: 'users' });
    await addUsers(system, [
      { username: 'coco', role: 'coordinator' },
      { username: 'dave', role: 'driver', vans: ['VAN-02'] },
      { username: 'resto', role: 'association', association: 'resto-du-coeur-mons' },
      { username: 'ada', role: 'admin' },
    ]);
    system.bus.emit('readings-stored', { van: 'VAN-01', readings: night('VAN-01', false) });
    system.bus.emit('readings-stored', { van: 'VAN-02', readings: night('VAN-02', true) });
    const coordinator = await signIn(system.baseUrl, 'coco');
    loadId = (await coordinator.json<{ id: string }>('/api/loads', loadInput({ van: 'VAN-02' }))).body.id;
    await waitFor(() => system.fleet.get('VAN-02'), { what: 'the vans on the fleet' });
    await waitFor(
      async () =>
        (await coordinator.json<unknown[]>('/api/alerts?van=VAN-02')).body.length > 0 ? true : undefined,
      { what: 'an alert on VAN-02' },
    );
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
    await system?.stop();
  });

  it.each([
    { user: 'coco', path: '/', ready: '[data-testid="alerts-VAN-02"] [data-testid^="alert-"]' },
    { user: 'coco', path: '/vans/VAN-02', ready: '[data-testid="chart-chilled"]' },
    { user: 'coco', path: '/alerts', ready: '[data-testid^="alert-group-"]' },
    { user: 'coco', path: '/map', ready: '[data-testid="map-table"]' },
    { user: 'coco', path: '/loads', ready: '[data-testid="loads"]' },
    { user: 'ada', path: '/admin', ready: '[data-testid="users"]' },
    { user: 'dave', path: '/driver/VAN-02', ready: '[data-testid="alert-title"]' },
    { user: 'resto', path: '/associations/resto-du-coeur-mons', ready: '[data-testid="association-name"]' },
    { user: null, path: '/login', ready: '[data-testid="login-username"]' },
    { user: null, path: '/verify', ready: 'textarea, input' },
  ])('$path as $user: no WCAG 2.1 AA violation', async ({ user, path, ready }) => {
    const { page, errors } = user
      ? await signedInPage(chromium, system.baseUrl, user)
      : await chromium.newPage();
    await page.goto(`${system.baseUrl}${path}`);
    await page.locator(ready).first().waitFor();
    expect(await auditAccessibility(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('a certificate, as the association opens it, has no WCAG 2.1 AA violation', async () => {
    const { page } = await signedInPage(chromium, system.baseUrl, 'coco');
    const coordinator = await signIn(system.baseUrl, 'coco');
    await coordinator.json(`/api/loads/${loadId}/events`, { type: 'picked-up', at: NOW - 30 * 60_000 });
    await coordinator.json(`/api/loads/${loadId}/events`, {
      type: 'delivered',
      at: NOW - 60_000,
      reception: { accepted: true },
    });
    await page.goto(`${system.baseUrl}/api/loads/${loadId}/certificate.html?lang=fr`);
    expect(await auditAccessibility(page)).toEqual([]);
  });

  it('the keyboard reaches the content by the skip link, and the focused control is outlined', async () => {
    const { page } = await signedInPage(chromium, system.baseUrl, 'coco');
    await page.goto(`${system.baseUrl}/`);
    await page.locator('[data-testid="fleet"] >> text=VAN-02').waitFor();
    await page.keyboard.press('Tab');
    const skip = page.locator('[data-testid="skip-link"]');
    expect(await skip.evaluate((a) => a === document.activeElement)).toBe(true);
    expect(await skip.textContent()).toBe('Aller au contenu');
    expect(await skip.evaluate((a) => a.getBoundingClientRect().top >= 0)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    // The next Tab lands inside the content, outlined.
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return { inMain: !!el.closest('main'), width: getComputedStyle(el).outlineWidth };
    });
    expect(outline.inMain).toBe(true);
    expect(parseFloat(outline.width)).toBeGreaterThanOrEqual(2);
  });
});
