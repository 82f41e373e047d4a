import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Load } from '../core/loads/load.ts';
import type { Reading } from '../core/readings.ts';
import { vanTopic } from '../core/topics.ts';
import { launchBrowser, type TestBrowser } from './harness/chromium.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { loadInput, registerVans } from './harness/loads-api.ts';
import { connectClient } from './harness/mqtt-client.ts';
import { addUsers, signIn, type SignedInClient } from './harness/people.ts';
import { waitFor } from './harness/wait-for.ts';

/** The last 50 minutes, a record every 30 s: the 1 h range shows all of it. */
const NOW = Math.floor(Date.now() / 60_000) * 60_000;
const START = NOW - 50 * 60_000;
const STEP = 30_000;
const N = 100;

/**
 * VAN-01's night: chilled has two probes; T1 goes to 9 °C for 20 minutes from minute 10 (an
 * excursion against the 7 °C default limit) while the door is open for the first 4 of them;
 * frozen stays at −19 °C. VAN-02 exists too, for the driver who may not see it.
 */
function night(): Reading[] {
  const out: Reading[] = [];
  let seq = 1;
  for (let i = 0; i < N; i++) {
    const ts = START + i * STEP;
    const warm = i >= 20 && i < 60;
    out.push(
      {
        kind: 'temperature',
        seq: seq++,
        ts,
        compartment: 'chilled',
        sensor: 'VAN-01-T1',
        celsius: warm ? 9 : 3.5,
      },
      { kind: 'temperature', seq: seq++, ts, compartment: 'chilled', sensor: 'VAN-01-T3', celsius: 4 },
      { kind: 'door', seq: seq++, ts, compartment: 'chilled', open: i >= 20 && i < 28 },
      { kind: 'temperature', seq: seq++, ts, compartment: 'frozen', sensor: 'VAN-01-T2', celsius: -19 },
    );
  }
  return out;
}

async function publish(system: TestSystem, van: string, readings: Reading[]): Promise<void> {
  const client = await connectClient(system.mqttUrl);
  for (let i = 0; i < readings.length; i += 500)
    await client.publishAsync(
      vanTopic(van, 'telemetry'),
      JSON.stringify({ v: 1, van, readings: readings.slice(i, i + 500) }),
      { qos: 1 },
    );
  await client.endAsync();
}

const points = (page: Page, c: string) =>
  page.$eval(`[data-testid="plot-${c}"]`, (e) => Number((e as HTMLElement).dataset.points ?? 0));

describe('the van page in headless Chromium (issue 12)', () => {
  let system: TestSystem;
  let chromium: TestBrowser;
  let coco: SignedInClient;
  let dave: SignedInClient;
  let load: Load;

  beforeAll(async () => {
    system = await startTestSystem({ auth: 'users' });
    await addUsers(system, [
      { username: 'coco', role: 'coordinator' },
      { username: 'dave', role: 'driver', vans: ['VAN-01'] },
    ]);
    const readings = night();
    await publish(system, 'VAN-01', readings);
    await publish(system, 'VAN-02', [
      { kind: 'temperature', seq: 1, ts: START, compartment: 'chilled', sensor: 'VAN-02-T1', celsius: 3 },
    ]);
    await waitFor(async () => (await system.store.count({ van: 'VAN-01' })) === readings.length, {
      what: 'VAN-01 readings stored',
    });
    await waitFor(() => system.alerts.list({ van: 'VAN-01', kind: 'excursion', limit: 1 })[0], {
      what: 'the excursion alert',
    });
    coco = await signIn(system.baseUrl, 'coco');
    dave = await signIn(system.baseUrl, 'dave');
    // A load of fresh meat carried during the night, delivered: its certificate is linked.
    await registerVans(system, 'VAN-01');
    load = (
      await coco.json<Load>(
        '/api/loads',
        loadInput({
          van: 'VAN-01',
          donor: { name: 'Delhaize Mons', place: 'Rue de Nimy, Mons', pickupAt: START },
        }),
      )
    ).body;
    await coco.json(`/api/loads/${load.id}/events`, { type: 'picked-up', at: START + 5 * 60_000 });
    await coco.json(`/api/loads/${load.id}/events`, { type: 'delivered', at: START + 45 * 60_000 });
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
    await system?.stop();
  });

  /** A page signed in as `client`, in a Belgian browser (the datetime-local inputs then read 24-hour). */
  const openAs = async (client: SignedInClient, path: string) => {
    const context = await chromium.browser.newContext({ locale: 'fr-BE', timezoneId: 'Europe/Brussels' });
    const [name, value] = client.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: system.baseUrl }]);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    page.on('pageerror', (e) => errors.push(e.message));
    const response = await page.goto(`${system.baseUrl}${path}`);
    return { page, errors, status: response?.status() };
  };

  it('charts each compartment’s history with the limit line, a door band and alert markers, then appends live readings', async () => {
    const { page, errors, status } = await openAs(coco, '/vans/VAN-01?range=1h');
    expect(status).toBe(200);
    await page.locator('[data-testid="plot-chilled"][data-points]').waitFor();
    await page.locator('[data-testid="plot-frozen"][data-points]').waitFor();
    // 1 h in 30 s buckets: one point per record, both probes on one time axis.
    expect(await points(page, 'chilled')).toBe(N);
    expect(await page.locator('[data-testid="chart-chilled"] .u-legend').textContent()).toContain(
      'VAN-01-T3',
    );
    expect(await page.locator('[data-testid="chart-chilled"] h2').textContent()).toBe(
      'Réfrigéré — Températures de l’air',
    );
    expect(await page.locator('[data-testid="limit-line-chilled"]').textContent()).toBe('Limite 7 °C');
    expect(await page.locator('[data-testid="limit-text-chilled"]').textContent()).toBe(
      'limite 7 °C · Autres denrées réfrigérées (par défaut)',
    );
    expect(await page.locator('[data-testid="door-band-chilled"]').count()).toBe(1);
    expect(await page.locator('[data-testid="door-band-frozen"]').count()).toBe(0);
    expect(
      await page.locator('[data-testid="alert-marker-chilled"][data-kind="open"]').count(),
    ).toBeGreaterThan(0);
    // The same facts as text, Brussels time, 24-hour.
    expect(await page.locator('[data-testid="facts-chilled"]').textContent()).toMatch(
      /Porte ouverte \d\d:\d\d → \d\d:\d\d/,
    );
    // The load carried in the range, with its certificate.
    const link = page.locator(`[data-testid="certificate-${load.id}"]`);
    expect(await link.getAttribute('href')).toBe(`/api/loads/${load.id}/certificate.html?lang=fr`);
    expect(await page.locator(`[data-testid="load-${load.id}"]`).textContent()).toContain(
      'Restos du Cœur de Mons',
    );

    if (process.env.GIVRE_SCREENSHOTS === '1') {
      mkdirSync('docs/screenshots', { recursive: true });
      await page.setViewportSize({ width: 1280, height: 1100 });
      await page.screenshot({ path: 'docs/screenshots/van-page.png', fullPage: true });
    }

    // Live: newer records reach the open chart without a reload.
    const before = await points(page, 'chilled');
    await publish(system, 'VAN-01', [
      {
        kind: 'temperature',
        seq: 10_000,
        ts: NOW + 60_000,
        compartment: 'chilled',
        sensor: 'VAN-01-T1',
        celsius: 5.2,
      },
    ]);
    await page.waitForFunction(
      (n) => Number(document.querySelector<HTMLElement>('[data-testid="plot-chilled"]')?.dataset.points) > n,
      before,
      { timeout: 10_000 },
    );
    await publish(system, 'VAN-01', [
      {
        kind: 'temperature',
        seq: 10_001,
        ts: NOW + 90_000,
        compartment: 'chilled',
        sensor: 'VAN-01-T1',
        celsius: 5.4,
      },
    ]);
    await page.waitForFunction(
      (n) =>
        Number(document.querySelector<HTMLElement>('[data-testid="plot-chilled"]')?.dataset.points) > n + 1,
      before,
      { timeout: 10_000 },
    );
    expect(errors).toEqual([]);
  });

  it('switches ranges and language: 7 days in half-hour buckets, English words', async () => {
    const { page, errors } = await openAs(coco, '/vans/VAN-01?range=1h');
    await page.locator('[data-testid="plot-chilled"][data-points]').waitFor();
    await page.click('[data-testid="range-7d"]');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('range') === '7d');
    await page.waitForFunction(
      () => Number(document.querySelector<HTMLElement>('[data-testid="plot-chilled"]')?.dataset.points) <= 4,
    );
    expect(await page.getAttribute('[data-testid="range-7d"]', 'aria-pressed')).toBe('true');
    await page.click('[data-testid="lang-en"]');
    await page
      .locator('[data-testid="chart-chilled"] h2', { hasText: 'Chilled — Air temperatures' })
      .waitFor();
    expect(await page.locator('[data-testid="limit-line-chilled"]').textContent()).toBe('Limit 7 °C');
    // A custom range that ends before it starts is refused on the form, in the person's language.
    await page.fill('[data-testid="range-from"]', '2026-11-26T22:00');
    await page.fill('[data-testid="range-to"]', '2026-11-26T21:00');
    await page.click('[data-testid="range-show"]');
    await page
      .locator('[data-testid="range-error"]', { hasText: 'Choose a start before the end.' })
      .waitFor();
    expect(errors).toEqual([]);
  });

  it('a driver on another van’s page gets the 404 an unknown van gets', async () => {
    const mine = await openAs(dave, '/vans/VAN-01');
    expect(mine.status).toBe(200);
    const other = await dave.fetch('/vans/VAN-02');
    const unknown = await dave.fetch('/vans/VAN-99');
    expect(other.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe('GIVRE_ERR_NOT_FOUND');
    expect((await unknown.json()) as unknown).toEqual({
      error: { code: 'GIVRE_ERR_NOT_FOUND', message: 'unknown van VAN-99' },
    });
    const page = await openAs(dave, '/vans/VAN-02');
    expect(page.status).toBe(404);
    expect((await coco.fetch('/vans/VAN-02')).status).toBe(200);
    // Without a session: to the login page first, whatever the van.
    expect(
      (await fetch(`${system.baseUrl}/vans/VAN-02`, { redirect: 'manual' })).headers.get('location'),
    ).toBe('/login?next=%2Fvans%2FVAN-02');
  });

  it('exports the range’s readings as CSV, authorized as the history', async () => {
    const from = START + 10 * 60_000;
    const to = START + 20 * 60_000;
    const res = await coco.fetch(`/api/vans/VAN-01/readings.csv?from=${from}&to=${to}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('time_utc,ts_ms,seq,kind,compartment,sensor,celsius,door_open');
    // 20 records of each of the four series in [from, to).
    expect(lines).toHaveLength(1 + 20 * 4);
    expect(lines[1]).toBe(`${new Date(from).toISOString()},${from},81,temperature,chilled,VAN-01-T1,9,`);
    const chilled = await coco.fetch(
      `/api/vans/VAN-01/readings.csv?from=${from}&to=${to}&compartment=frozen`,
    );
    expect((await chilled.text()).trimEnd().split('\r\n')).toHaveLength(21);
    expect((await dave.fetch(`/api/vans/VAN-02/readings.csv?from=${from}&to=${to}`)).status).toBe(404);
    expect((await coco.fetch(`/api/vans/VAN-01/readings.csv?from=${to}&to=${from}`)).status).toBe(400);
  });
});
