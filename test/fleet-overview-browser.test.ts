import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertEpisode } from '../core/alert-episode.ts';
import { OnBoardLoads, type OnBoardLoad } from '../core/api/on-board.ts';
import { causeOf } from '../core/alerts/alert-causes.ts';
import type { Load } from '../core/loads/load.ts';
import type { Reading } from '../core/readings.ts';
import { signedInPage } from './harness/browser-session.ts';
import { launchBrowser, type TestBrowser } from './harness/chromium.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { loadInput, registerVans } from './harness/loads-api.ts';
import { addUsers, signIn, type SignedInClient } from './harness/people.ts';
import { startTcpProxy, type TcpProxy } from './harness/tcp-proxy.ts';
import { waitFor } from './harness/wait-for.ts';

const MIN = 60_000;
/** Device time of the first record: the night began 41 min ago, so its latest records are current. */
const T0 = Date.now() - 41 * MIN;
let seq = 1;
/** Every 30 s of device time from `fromMin` to `toMin`: the chilled compartment at `celsius`. */
function chilled(fromMin: number, toMin: number, celsius: number): Reading[] {
  const out: Reading[] = [];
  for (let m = fromMin; m <= toMin; m += 0.5)
    out.push({
      kind: 'temperature',
      seq: seq++,
      ts: T0 + m * MIN,
      compartment: 'chilled',
      sensor: 'T1',
      celsius,
    });
  return out;
}
const cardOrder = (page: Page) =>
  page.$$eval('[data-testid="fleet"] > article:not([hidden])', (cards) =>
    cards.map((c) => (c as HTMLElement).dataset.van),
  );

/**
 * Issue 12, the fleet desk at `/` in Chromium against the whole system (broker, ingest and
 * dashboard composed as `givre start` does): VAN-03's chilled compartment at 12 °C for 40 min
 * (severe, excursion, cumulative: one breach, escalated) with a load of fresh meat on board;
 * VAN-02 went offline half an hour ago; VAN-01 is fine. The page is reached through a TCP
 * relay that the test cuts like a network drop.
 */
describe('fleet overview, the coordinator’s desk', () => {
  let system: TestSystem;
  let chromium: TestBrowser;
  let proxy: TcpProxy;
  let coco: SignedInClient;
  let warm: AlertEpisode[];
  let load: Load;

  beforeAll(async () => {
    system = await startTestSystem({ auth: 'users', env: { GIVRE_ALERT_ESCALATION_DELAY_S: '1' } });
    await addUsers(system, [
      { username: 'coco', role: 'coordinator' },
      { username: 'claire', role: 'coordinator' },
      { username: 'dave', role: 'driver', vans: ['VAN-01'] },
      { username: 'resto', role: 'association', association: 'resto-du-coeur-mons' },
    ]);
    coco = await signIn(system.baseUrl, 'coco');
    await registerVans(system, 'VAN-01', 'VAN-02', 'VAN-03');
    const created = await coco.json<Load>('/api/loads', loadInput({ van: 'VAN-03', profile: 'fresh-meat' }));
    expect(created.status).toBe(201);
    const picked = await coco.json<{ load: Load }>(`/api/loads/${created.body.id}/events`, {
      type: 'picked-up',
      at: T0 - MIN,
    });
    expect(picked.status).toBe(200);
    load = picked.body.load;

    for (const van of ['VAN-01', 'VAN-02', 'VAN-03'])
      system.bus.emit('van-status', { v: 1, van, state: 'online', ts: T0 });
    system.bus.emit('readings-stored', { van: 'VAN-01', readings: chilled(0, 40, 3.2) });
    system.bus.emit('readings-stored', { van: 'VAN-02', readings: chilled(0, 10, 3.8) });
    system.bus.emit('van-status', { v: 1, van: 'VAN-02', state: 'offline', ts: T0 });
    system.bus.emit('readings-stored', { van: 'VAN-03', readings: chilled(0, 40, 12) });
    warm = await waitFor(
      () => {
        const list = system.alerts.list({ van: 'VAN-03', limit: 10 });
        const critical = list.filter((a) => a.severity === 'critical');
        const escalated = critical.every((a) => a.transitions.some((t) => t.to === 'escalated'));
        return list.length === 3 && escalated ? list : undefined;
      },
      { what: 'three alerts of one breach on VAN-03, the critical ones escalated' },
    );
    await waitFor(() => system.alerts.list({ van: 'VAN-02', kind: 'van-offline', limit: 1 })[0], {
      what: 'VAN-02 offline',
    });
    proxy = await startTcpProxy({ host: '127.0.0.1', port: system.httpPort });
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
    await proxy?.close();
    await system?.stop();
  });

  it('puts the van in trouble first, says why, and shows its loads and an offline van’s stale value', async () => {
    const { page, errors } = await signedInPage(chromium, proxy.url, 'coco');
    await page.goto(proxy.url);
    const cause = causeOf(warm[0]!);
    await page.locator(`[data-testid="escalated-${cause}"]`).waitFor();
    await page.locator(`[data-testid="standing-${load.id}"][data-standing="breached"]`).waitFor();
    await page.locator('[data-testid="van-VAN-01"]').waitFor();
    expect(await cardOrder(page)).toEqual(['VAN-03', 'VAN-02', 'VAN-01']);

    // Why, in words: not colour alone.
    expect(await page.locator('[data-testid="trouble-VAN-03"]').textContent()).toBe('Alerte critique');
    expect(await page.locator('[data-testid="trouble-VAN-02"]').textContent()).toBe('Alerte en cours');
    expect(await page.locator('[data-testid="trouble-VAN-01"]').count()).toBe(0);
    expect(await page.locator(`[data-testid="escalated-${cause}"]`).textContent()).toBe(
      'Transmise à la coordination : personne n’a encore acquitté',
    );
    // The limit in force and where it comes from; the load, its own limit and its standing.
    expect(await page.locator('[data-testid="limit-VAN-03-chilled"]').textContent()).toBe(
      'limite 7 °C · Viande fraîche (ongulés) (1 chargement à bord)',
    );
    expect(await page.locator('[data-testid="warn-VAN-03-chilled"]').textContent()).toBe('trop chaud');
    const carried = (await page.locator(`[data-testid="load-${load.id}"]`).textContent()) ?? '';
    expect(carried).toContain('Viande fraîche (ongulés) · limite 7 °C · 40 kg pour Restos du Cœur de Mons');
    expect(carried).toContain('limite dépassée pendant le transport');
    const severe = warm.find((a) => a.kind === 'severe')!;
    expect(await page.locator(`[data-testid="alert-${severe.id}"]`).textContent()).toBe(
      'Température critique · Réfrigéré · critiquetransmise à la coordination',
    );

    // VAN-02, offline for half an hour: its last value small and grey, with its age; the
    // live VAN-01 in large type.
    const stale = page.locator('[data-testid="temp-VAN-02-chilled"]');
    expect(await stale.getAttribute('data-stale')).toBe('true');
    expect(await stale.textContent()).toBe('3,8 °C');
    expect(await page.locator('[data-testid="stale-VAN-02-chilled"]').textContent()).toMatch(
      /^dernière valeur il y a 3\d min$/,
    );
    expect(await page.locator('[data-testid="status-VAN-02"]').textContent()).toBe('hors ligne');
    const size = (testId: string) =>
      page.$eval(`[data-testid="${testId}"]`, (n) => parseFloat(getComputedStyle(n).fontSize));
    expect(await size('temp-VAN-02-chilled')).toBeLessThan((await size('temp-VAN-01-chilled')) * 0.75);
    expect(await page.locator('[data-testid="temp-VAN-01-chilled"]').getAttribute('data-stale')).toBe(
      'false',
    );

    const text = (await page.locator('[data-testid="fleet"]').textContent()) ?? '';
    expect(text).not.toMatch(/chilled|fresh-meat|reefer|critical|escalad|ouverte/);
    expect(errors).toEqual([]);
  });

  it('tells each person the standing of the loads on board the vans they may see, and no more', async () => {
    const seen = await coco.json<OnBoardLoad[]>('/api/fleet/loads');
    expect(seen.status).toBe(200);
    expect(OnBoardLoads.parse(seen.body)).toEqual([
      expect.objectContaining({
        id: load.id,
        van: 'VAN-03',
        compartment: 'chilled',
        maxCelsius: 7,
        standing: 'breached',
        profileName: { fr: 'Viande fraîche (ongulés)', en: 'Fresh meat (ungulates)' },
      }),
    ]);
    expect(seen.body[0]!.breaches.map((b) => b.alertId).sort()).toEqual(warm.map((a) => a.id).sort());
    // A driver of another van, and an association (which has no fleet), learn nothing.
    for (const who of ['dave', 'resto']) {
      const client = await signIn(system.baseUrl, who);
      expect(await client.json('/api/fleet/loads')).toEqual({ status: 200, body: [] });
    }
  });

  it('filters by alert, offline and van id, kept in the address bar across a reload', async () => {
    const { page, errors } = await signedInPage(chromium, proxy.url, 'coco');
    await page.goto(proxy.url);
    await page.locator('[data-testid="van-VAN-01"]').waitFor();
    expect(
      await page.locator('label', { has: page.locator('[data-testid="filter-show"]') }).textContent(),
    ).toContain('Afficher');
    await page.locator('[data-testid="filter-show"]').selectOption('critical');
    await waitFor(async () => (await cardOrder(page)).join() === 'VAN-03');
    expect(new URL(page.url()).searchParams.get('show')).toBe('critical');
    expect(await page.locator('[data-testid="fleet-count"]').textContent()).toBe('1 véhicule affiché sur 3');

    await page.reload();
    await page.locator('[data-testid="van-VAN-03"]').waitFor();
    await waitFor(async () => (await cardOrder(page)).join() === 'VAN-03');
    expect(await page.locator('[data-testid="filter-show"]').inputValue()).toBe('critical');

    await page.locator('[data-testid="filter-show"]').selectOption('offline');
    await waitFor(async () => (await cardOrder(page)).join() === 'VAN-02');
    await page.locator('[data-testid="filter-show"]').selectOption('all');
    await page.locator('[data-testid="filter-q"]').fill('van-01');
    await waitFor(async () => (await cardOrder(page)).join() === 'VAN-01');
    expect(new URL(page.url()).search).toBe('?q=van-01');
    await page.locator('[data-testid="filter-q"]').fill('VAN-99');
    await page.locator('[data-testid="fleet-none-match"]:visible').waitFor();
    expect(errors).toEqual([]);
  });

  it('acknowledges a cause from the desk with a reason; a second desk sees it within 2 s', async () => {
    const cause = causeOf(warm[0]!);
    const group = `[data-testid="alert-group-${cause}"]`;
    const mine = await signedInPage(chromium, proxy.url, 'coco');
    const other = await signedInPage(chromium, proxy.url, 'claire');
    for (const { page } of [mine, other]) {
      await page.goto(proxy.url);
      await page.locator(`${group}[data-state="escalated"]`).waitFor();
      await page.locator('[data-testid="connection"][data-state="live"]').waitFor();
    }
    const { page } = mine;
    await page.locator(`[data-testid="group-ack-button-${cause}"]`).click();
    // The keyboard goes on to the reason.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('ack-reason');
    const form = page.locator(`[data-testid="ack-form-${cause}"]`);
    await form.locator('[data-testid="ack-reason"]').selectOption('reefer-fault');
    await form.locator('[data-testid="ack-note"]').fill('groupe froid en panne, viande transférée');
    const clicked = Date.now();
    await form.locator('[data-testid="ack-submit"]').click();
    await other.page.locator(`${group}[data-state="acknowledged"]`).waitFor({ timeout: 2_000 });
    expect(Date.now() - clicked).toBeLessThan(2_000);

    await page
      .locator(`[data-testid="group-notice-${cause}"]`, { hasText: 'Acquittement enregistré.' })
      .waitFor();
    for (const p of [page, other.page])
      expect(await p.locator(`[data-testid="group-ack-${cause}"]`).textContent()).toMatch(
        /^Acquittée par coco le \d\d\/\d\d\/\d{4} \d\d:\d\d — Panne du groupe froid « groupe froid en panne, viande transférée »$/,
      );
    expect(await page.locator(`[data-testid="group-ack-button-${cause}"]`).count()).toBe(0);
    expect(await page.locator(`[data-testid="escalated-${cause}"]`).count()).toBe(0);
    for (const a of warm)
      expect(system.alerts.get(a.id)?.acknowledgement).toMatchObject({ by: 'coco', reason: 'reefer-fault' });
    expect(mine.errors).toEqual([]);
    expect(other.errors).toEqual([]);
  });

  it('after the network drops, shows the values of the reconnection, not those it had', async () => {
    const { page, errors } = await signedInPage(chromium, proxy.url, 'coco');
    await page.goto(proxy.url);
    const temp = page.locator('[data-testid="temp-VAN-01-chilled"]');
    await temp.filter({ hasText: '3,2 °C' }).waitFor();
    await page.locator('[data-testid="connection"][data-state="live"]').waitFor();

    proxy.cut();
    await page.locator('[data-testid="connection"][data-state="reconnecting"]').waitFor();
    // While away: VAN-01 warms, and VAN-02 comes back online with a fresh record.
    system.bus.emit('readings-stored', { van: 'VAN-01', readings: chilled(40.5, 41, 5.5) });
    system.bus.emit('van-status', { v: 1, van: 'VAN-02', state: 'online', ts: Date.now() });
    system.bus.emit('readings-stored', { van: 'VAN-02', readings: chilled(40.5, 40.5, 4.1) });
    // The dashboard has it (read past the relay); the page, cut off, still shows the old value.
    await waitFor(
      async () => {
        const res = await coco.json<{ online: boolean; compartments: Record<string, { celsius: number }> }>(
          '/api/vans/VAN-02',
        );
        const one = await coco.json<{ compartments: Record<string, { celsius: number }> }>(
          '/api/vans/VAN-01',
        );
        return (
          res.body.online &&
          res.body.compartments.chilled?.celsius === 4.1 &&
          one.body.compartments.chilled?.celsius === 5.5
        );
      },
      { what: 'the dashboard to hold the new values' },
    );
    expect(await temp.textContent()).toBe('3,2 °C');

    proxy.restore();
    await page.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: 15_000 });
    await temp.filter({ hasText: '5,5 °C' }).waitFor({ timeout: 5_000 });
    await page.locator('[data-testid="status-VAN-02"]', { hasText: 'en ligne' }).waitFor({ timeout: 5_000 });
    const back = page.locator('[data-testid="temp-VAN-02-chilled"]');
    expect(await back.textContent()).toBe('4,1 °C');
    expect(await back.getAttribute('data-stale')).toBe('false');
    // The only errors are the relay's refusals while it was cut.
    expect(errors.filter((e) => !/ERR_CONNECTION|ERR_EMPTY_RESPONSE|WebSocket|net::/.test(e))).toEqual([]);
  });

  it('announces a new critical alert to a desk that opted in, and remembers the choice', async () => {
    const { page, errors } = await signedInPage(chromium, proxy.url, 'coco');
    // The browser's notifications, granted and recorded (headless Chromium shows none).
    await page.addInitScript(() => {
      const shown: string[] = [];
      Object.assign(window, { shown });
      class Recorded {
        static permission = 'granted';
        static requestPermission = () => Promise.resolve('granted');
        constructor(title: string, options: { body: string }) {
          shown.push(`${title} — ${options.body}`);
        }
      }
      Object.assign(window, { Notification: Recorded });
    });
    await page.goto(proxy.url);
    const toggle = page.locator('[data-testid="alarm-toggle"]');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await toggle.textContent()).toBe('Son et notification des alertes critiques : désactivés');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await page.reload();
    await page.locator('[data-testid="alarm-toggle"][aria-pressed="true"]').waitFor();
    await page.locator('[data-testid="connection"][data-state="live"]').waitFor();

    // VAN-04 reports for the first time: 8 min far above its limit, a new critical alert.
    system.bus.emit('readings-stored', { van: 'VAN-04', readings: chilled(30, 38, 12) });
    await page.waitForFunction(() => (window as unknown as { shown: string[] }).shown.length > 0, null, {
      timeout: 15_000,
    });
    const shown = await page.evaluate(() => (window as unknown as { shown: string[] }).shown);
    expect(shown[0]).toMatch(/^Givre — alerte critique — VAN-04 · Réfrigéré · Température critique$/);
    expect(errors).toEqual([]);
  });
});
