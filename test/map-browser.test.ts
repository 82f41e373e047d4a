import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reading } from '../core/readings.ts';
import { signedInPage } from './harness/browser-session.ts';
import { launchBrowser, type TestBrowser } from './harness/chromium.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { addUsers } from './harness/people.ts';
import { saveScreenshot } from './harness/screenshots.ts';
import { waitFor } from './harness/wait-for.ts';

const T0 = Date.UTC(2026, 10, 26, 19, 0);
let seq = 1;
const at = (lat: number, lon: number, minute = 0): Reading => ({
  kind: 'position',
  seq: seq++,
  ts: T0 + minute * 60_000,
  lat,
  lon,
});
const temperature = (celsius: number, minute: number): Reading => ({
  kind: 'temperature',
  seq: seq++,
  ts: T0 + minute * 60_000,
  compartment: 'chilled',
  sensor: 'T1',
  celsius,
});
/** Around Mons (Hainaut): the depot, Charleroi, La Louvière. */
const MONS = { lat: 50.4542, lon: 3.9523 };
const CHARLEROI = { lat: 50.4108, lon: 4.4446 };
const LA_LOUVIERE = { lat: 50.4797, lon: 4.1875 };

/** A transparent 1×1 PNG: what the stand-in tile server answers for every tile. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/**
 * Issue 12, the map `/map` in Chromium: each van's last known position and status, with no
 * request leaving the dashboard (the vector view, one marker per van); live; and with
 * GIVRE_MAP_TILE_URL, the tiles of a local stand-in tile server under its markers, allowed by
 * the Content-Security-Policy.
 */
describe('fleet map', () => {
  let system: TestSystem;
  let chromium: TestBrowser;

  beforeAll(async () => {
    system = await startTestSystem({ auth: 'users' });
    await addUsers(system, [
      { username: 'coco', role: 'coordinator' },
      { username: 'dave', role: 'driver', vans: ['VAN-01'] },
    ]);
    system.bus.emit('van-status', { v: 1, van: 'VAN-01', state: 'online' });
    system.bus.emit('van-status', { v: 1, van: 'VAN-02', state: 'online' });
    system.bus.emit('van-status', { v: 1, van: 'VAN-03', state: 'offline' });
    system.bus.emit('readings-stored', { van: 'VAN-01', readings: [at(MONS.lat, MONS.lon)] });
    // VAN-02 warm for 20 minutes: an alert, shown on its marker.
    system.bus.emit('readings-stored', {
      van: 'VAN-02',
      readings: [
        at(CHARLEROI.lat, CHARLEROI.lon),
        ...Array.from({ length: 41 }, (_, i) => temperature(12, i / 2)),
      ],
    });
    system.bus.emit('readings-stored', { van: 'VAN-03', readings: [at(LA_LOUVIERE.lat, LA_LOUVIERE.lon)] });
    system.bus.emit('readings-stored', { van: 'VAN-04', readings: [temperature(3, 0)] }); // never sent a position
    // Severe at 5 minutes, excursion at 15: two alerts of one breach.
    await waitFor(() => system.alerts.list({ van: 'VAN-02', limit: 5 }).length === 2, {
      what: 'alerts on VAN-02',
    });
    await waitFor(() => system.fleet.list().length === 4, { what: 'four vans' });
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
    await system?.stop();
  });

  it('shows each van’s last position and status with no request beyond the dashboard', async () => {
    const { page, errors } = await signedInPage(chromium, system.baseUrl, 'coco');
    const outside: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(system.baseUrl)) return route.continue();
      outside.push(url);
      return route.abort();
    });
    await page.goto(`${system.baseUrl}/map`);
    const map = page.locator('[data-testid="map"][data-mode="vector"]');
    await map.waitFor();
    await page.locator('[data-testid="map-marker-VAN-02"][data-alerts="2"]').waitFor();
    expect(await page.title()).toBe('Givre — Carte de la flotte');
    expect(await page.locator('[data-testid^="map-marker-"]').count()).toBe(3);
    expect(await page.locator('[data-testid="map-marker-VAN-04"]').count()).toBe(0);

    const where = async (van: string) => {
      const box = (await page.locator(`[data-testid="map-marker-${van}"] circle`).last().boundingBox())!;
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    };
    const [mons, charleroi, louviere] = [await where('VAN-01'), await where('VAN-02'), await where('VAN-03')];
    const frame = (await map.boundingBox())!;
    for (const p of [mons, charleroi, louviere]) {
      expect(p.x).toBeGreaterThan(frame.x);
      expect(p.x).toBeLessThan(frame.x + frame.width);
      expect(p.y).toBeGreaterThan(frame.y);
      expect(p.y).toBeLessThan(frame.y + frame.height);
    }
    // West to east: Mons, La Louvière, Charleroi; La Louvière is the northernmost.
    expect(mons.x).toBeLessThan(louviere.x);
    expect(louviere.x).toBeLessThan(charleroi.x);
    expect(louviere.y).toBeLessThan(mons.y);
    expect(charleroi.y).toBeGreaterThan(mons.y);

    expect(await page.locator('[data-testid="map-marker-VAN-03"]').getAttribute('data-online')).toBe('false');
    expect(await page.locator('[data-testid="map-marker-VAN-03"]').textContent()).toContain('hors ligne');
    expect(await page.locator('[data-testid="map-marker-VAN-02"]').textContent()).toContain(
      '2 alertes en cours',
    );
    expect(await page.locator('[data-testid="map-scale"]').textContent()).toMatch(/^\d+ k?m$/);
    expect(await page.locator('[data-testid="map-row-VAN-04"]').textContent()).toContain('position inconnue');
    expect(await page.locator('[data-testid="map-row-VAN-01"]').textContent()).toContain('26/11/2026 20:00');
    await saveScreenshot(page, 'map');

    // Live: VAN-01 drives to Charleroi; its marker follows without a reload.
    system.bus.emit('readings-stored', {
      van: 'VAN-01',
      readings: [at(CHARLEROI.lat, CHARLEROI.lon - 0.01, 5)],
    });
    await waitFor(async () => (await where('VAN-01')).x > louviere.x, { what: 'VAN-01 moved east' });
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('is for the coordinators: a driver is sent to their own page', async () => {
    const { page } = await signedInPage(chromium, system.baseUrl, 'dave');
    await page.goto(`${system.baseUrl}/map`);
    expect(new URL(page.url()).pathname).not.toBe('/map');
  });
});

describe('fleet map over configured tiles', () => {
  let system: TestSystem;
  let chromium: TestBrowser;
  let tiles: Server;
  const served: string[] = [];

  beforeAll(async () => {
    tiles = createServer((req, res) => {
      served.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    });
    await new Promise<void>((resolve) => tiles.listen(0, '127.0.0.1', resolve));
    const port = (tiles.address() as AddressInfo).port;
    system = await startTestSystem({
      env: { GIVRE_MAP_TILE_URL: `http://127.0.0.1:${port}/{z}/{x}/{y}.png` },
    });
    system.bus.emit('readings-stored', { van: 'VAN-01', readings: [at(MONS.lat, MONS.lon)] });
    system.bus.emit('readings-stored', { van: 'VAN-02', readings: [at(CHARLEROI.lat, CHARLEROI.lon)] });
    await waitFor(() => system.fleet.list().length === 2, { what: 'two vans' });
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
    await system?.stop();
    await new Promise((resolve) => tiles?.close(resolve));
  });

  it('draws the tiles under the markers, allowed by the CSP for that host only', async () => {
    const res = await fetch(`${system.baseUrl}/map`);
    const port = (tiles.address() as AddressInfo).port;
    expect(res.headers.get('content-security-policy')).toContain(
      `img-src 'self' data: http://127.0.0.1:${port};`,
    );
    const { page, errors } = await chromium.newPage();
    await page.goto(`${system.baseUrl}/map`);
    await page.locator('[data-testid="map"][data-mode="tiles"]').waitFor();
    await page.locator('[data-testid="map-marker-VAN-02"]').waitFor();
    const names = await page
      .locator('[data-testid="map-tiles"] image')
      .evaluateAll((imgs) => imgs.map((i) => i.getAttribute('data-tile')));
    expect(names.length).toBeGreaterThan(0);
    await waitFor(() => served.length >= names.length, { what: 'every tile fetched' });
    expect(served.sort()).toEqual(names.map((n) => `/${n}.png`).sort());
    expect(errors).toEqual([]);
  });
});
