import type { Page } from 'playwright-core';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LimitInForce, VanState } from '../core/van-state.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../dashboard/events.ts';
import { launchBrowser, type TestBrowser } from './harness/chromium.ts';
import { readingsAt, startDashboard, type TestDashboard } from './harness/dashboard.ts';

const T0 = Date.UTC(2025, 10, 26, 6, 0, 0);

/** Limits in force as ingest sends them (DESIGN.md §4): the compartment's default, or the strictest load. */
const CHILLED_DEFAULT: LimitInForce = {
  maxCelsius: 7,
  toleranceCelsius: null,
  profile: 'chilled',
  source: 'default',
  loads: [],
};
const MINCED_ON_BOARD: LimitInForce = {
  maxCelsius: 2,
  toleranceCelsius: null,
  profile: 'minced-meat',
  source: 'loads',
  loads: ['L-0001', 'L-0002'],
};

/** Waits (polling in the page, no fixed sleep) until the element's text is `text`. */
async function textOf(page: Page, testId: string, text: string | RegExp): Promise<void> {
  const source = typeof text === 'string' ? { s: text } : { r: text.source };
  await page.waitForFunction(
    ([id, want]) => {
      const got = document.querySelector(`[data-testid="${id}"]`)?.textContent ?? null;
      if (got === null) return false;
      return want.s !== undefined ? got === want.s : new RegExp(want.r!).test(got);
    },
    [testId, source] as const,
    { timeout: 10_000 },
  );
}

describe('fleet page in headless Chromium (real server, real event bus)', () => {
  let dash: TestDashboard;
  let chromium: TestBrowser;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    dash = await startDashboard();
    dash.setOnline('VAN-01', true);
    dash.publish('VAN-01', [
      ...readingsAt(T0, { chilled: 3.4, frozen: -19.2 }, { chilled: false }),
      { kind: 'battery', seq: 900, ts: T0, percent: 87 },
      { kind: 'reefer', seq: 901, ts: T0, compartment: 'chilled', state: 'running', setpoint: 2 },
    ]);
    dash.setLimit('VAN-01', 'chilled', CHILLED_DEFAULT);
    dash.publish('VAN-02', readingsAt(T0, { chilled: 5 }));
    chromium = await launchBrowser();
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await chromium?.close();
    await dash?.close();
  });

  it('shows each van in French, then follows live updates from the bus', async () => {
    const { page, errors } = await chromium.newPage();
    await page.goto(dash.url);
    await textOf(page, 'temp-VAN-01-chilled', '3,4 °C');
    expect(await page.title()).toBe('Givre — Flotte en direct');
    await textOf(page, 'status-VAN-01', 'en ligne');
    await textOf(page, 'status-VAN-02', 'inconnu');
    await textOf(page, 'door-VAN-01-chilled', 'porte fermée');
    await textOf(page, 'temp-VAN-01-frozen', '-19,2 °C');
    await textOf(page, 'connection', 'En direct');
    const order = await page.$$eval('[data-testid^="van-"]', (cards) => cards.map((c) => c.dataset.testid));
    expect(order).toEqual(['van-VAN-01', 'van-VAN-02']);

    // New readings reach the open page without a reload.
    dash.publish('VAN-01', readingsAt(T0 + 60_000, { chilled: 8.1 }, { chilled: true }));
    await textOf(page, 'temp-VAN-01-chilled', '8,1 °C');
    await textOf(page, 'door-VAN-01-chilled', 'porte ouverte');
    // Above the 7 °C default limit in force: highlighted (visual only).
    await textOf(page, 'limit-VAN-01-chilled', 'limite 7 °C · Autres denrées réfrigérées (par défaut)');
    expect(await page.getAttribute('[data-testid="comp-VAN-01-chilled"]', 'class')).toContain('comp--warm');

    dash.setOnline('VAN-01', false);
    await textOf(page, 'status-VAN-01', 'hors ligne');
    // Offline, its last values are history: small and grey, with their age; and it moves up
    // (vans in trouble first, issue 12). A van seen for the first time appears in sorted place.
    await page.locator('[data-testid="temp-VAN-01-chilled"][data-stale="true"]').waitFor();
    await textOf(page, 'stale-VAN-01-chilled', /^dernière valeur il y a /);
    await textOf(page, 'trouble-VAN-01', 'Hors ligne, sans alerte');
    dash.publish('VAN-00', readingsAt(T0, { frozen: -21 }));
    await textOf(page, 'temp-VAN-00-frozen', '-21,0 °C');
    const after = await page.$$eval('[data-testid^="van-"]', (cards) => cards.map((c) => c.dataset.testid));
    expect(after).toEqual(['van-VAN-01', 'van-VAN-00', 'van-VAN-02']);
    // No CSP violation, no script error.
    expect(errors).toEqual([]);
  });

  it('switches to English, remembers it, and honours ?lang=en', async () => {
    const { page, errors } = await chromium.newPage();
    await page.goto(dash.url);
    await textOf(page, 'temp-VAN-02-chilled', '5,0 °C');
    await page.click('[data-testid="lang-en"]');
    await textOf(page, 'title', 'Givre — Live fleet');
    await textOf(page, 'temp-VAN-02-chilled', '5.0 °C');
    await textOf(page, 'status-VAN-02', 'unknown');
    expect(await page.title()).toBe('Givre — Live fleet');
    expect(await page.getAttribute('html', 'lang')).toBe('en');

    await page.reload();
    await textOf(page, 'temp-VAN-02-chilled', '5.0 °C');
    await textOf(page, 'compname-VAN-02-chilled', 'Chilled');

    const fresh = await chromium.newPage();
    await fresh.page.goto(`${dash.url}/?lang=en`);
    await textOf(fresh.page, 'title', 'Givre — Live fleet');
    await fresh.page.click('[data-testid="lang-fr"]');
    await textOf(fresh.page, 'compname-VAN-02-chilled', 'Réfrigéré');
    expect(new URL(fresh.page.url()).searchParams.has('lang')).toBe(false);
    expect([...errors, ...fresh.errors]).toEqual([]);
  });

  it('highlights a compartment above the limit in force and says which limit it is', async () => {
    // 3.0 °C is fine for other chilled food (7 °C) but too warm for minced meat (2 °C).
    dash.publish('VAN-05', readingsAt(T0, { chilled: 3 }));
    dash.setLimit('VAN-05', 'chilled', MINCED_ON_BOARD);
    const { page, errors } = await chromium.newPage();
    await page.goto(dash.url);
    await textOf(page, 'limit-VAN-05-chilled', 'limite 2 °C · Viande hachée (2 chargements à bord)');
    await textOf(page, 'temp-VAN-05-chilled', '3,0 °C');
    expect(await page.getAttribute('[data-testid="comp-VAN-05-chilled"]', 'class')).toContain('comp--warm');
    await textOf(page, 'warn-VAN-05-chilled', 'trop chaud');

    await page.click('[data-testid="lang-en"]');
    await textOf(page, 'limit-VAN-05-chilled', 'limit 2 °C · Minced meat (2 loads on board)');
    await textOf(page, 'warn-VAN-05-chilled', 'too warm');

    // The loads delivered, the compartment's default applies again: the same 3.0 °C is within it.
    dash.setLimit('VAN-05', 'chilled', CHILLED_DEFAULT);
    await textOf(page, 'limit-VAN-05-chilled', 'limit 7 °C · Other chilled food (default)');
    await textOf(page, 'temp-VAN-05-chilled', '3.0 °C');
    expect(await page.getAttribute('[data-testid="comp-VAN-05-chilled"]', 'class')).not.toContain(
      'comp--warm',
    );
    expect(await page.$('[data-testid="warn-VAN-05-chilled"]')).toBeNull();
    // A compartment whose limit ingest has not sent yet shows none and no highlight.
    expect(await page.$('[data-testid="limit-VAN-02-chilled"]')).toBeNull();
    expect(errors).toEqual([]);

    // The driver's view of the van says the same.
    dash.setLimit('VAN-05', 'chilled', MINCED_ON_BOARD);
    const driver = await chromium.newPage();
    await driver.page.goto(`${dash.url}/driver/VAN-05`);
    await textOf(driver.page, 'dlimit-chilled', 'limite 2 °C · Viande hachée (2 chargements à bord)');
    await textOf(driver.page, 'dtemp-chilled', '3,0 °C');
    expect(await driver.page.getAttribute('[data-testid="dcomp-chilled"]', 'class')).toContain('dcomp--warm');
    await textOf(driver.page, 'dwarn-chilled', 'trop chaud');
  });

  it('batches socket.io emits: 50 rapid updates of one van make a couple of van:update', async () => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(dash.url, {
      transports: ['websocket'],
      forceNew: true,
    });
    sockets.push(socket);
    await new Promise<VanState[]>((resolve) => socket.once('fleet:snapshot', resolve));
    const received: VanState[] = [];
    let lastSeen: (v: VanState) => void = () => {};
    socket.on('van:update', (van) => {
      if (van.van !== 'VAN-03') return;
      received.push(van);
      lastSeen(van);
    });
    const final = new Promise<void>((resolve) => {
      lastSeen = (van) => {
        if (van.compartments.chilled?.celsius === 4.9) resolve();
      };
    });

    const started = Date.now();
    for (let i = 0; i < 50; i++) dash.publish('VAN-03', readingsAt(T0 + i * 1000, { chilled: 0 + i / 10 }));
    expect(Date.now() - started).toBeLessThan(200);
    await final; // the latest state always arrives
    expect(received.length).toBeGreaterThanOrEqual(1);
    expect(received.length).toBeLessThanOrEqual(3);
    expect(received.at(-1)?.compartments.chilled?.celsius).toBe(4.9);
    expect(dash.metrics.render()).toMatch(/givre_dashboard_emits_total\{event="van:update"\} \d+/);
  });

  it('refuses a live connection from another site’s page', async () => {
    const socket = connect(dash.url, {
      transports: ['polling'],
      forceNew: true,
      reconnection: false,
      extraHeaders: { origin: 'http://evil.example' },
    });
    sockets.push(socket);
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    expect(error.message).toMatch(/xhr poll error|Forbidden|400|403/i);
  });
});
