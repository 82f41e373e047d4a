import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertEpisode } from '../core/alert-episode.ts';
import { causeOf } from '../core/alerts/alert-causes.ts';
import type { Reading } from '../core/readings.ts';
import { signedInPage } from './harness/browser-session.ts';
import { launchBrowser, type TestBrowser } from './harness/chromium.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { addUsers } from './harness/people.ts';
import { saveScreenshot } from './harness/screenshots.ts';
import { waitFor } from './harness/wait-for.ts';

const T0 = Date.UTC(2026, 10, 26, 19, 0); // 20:00 in Brussels
let seq = 1;
/** Every 30 s of device time from `fromMin` to `toMin`: the chilled compartment at `celsius`, its door as given. */
function chilled(fromMin: number, toMin: number, celsius: number, door?: boolean): Reading[] {
  const out: Reading[] = [];
  for (let m = fromMin; m <= toMin; m += 0.5) {
    const ts = T0 + m * 60_000;
    out.push({ kind: 'temperature', seq: seq++, ts, compartment: 'chilled', sensor: 'T1', celsius });
    if (door !== undefined) out.push({ kind: 'door', seq: seq++, ts, compartment: 'chilled', open: door });
  }
  return out;
}

/**
 * Issue 12, the alert log `/alerts` in Chromium against the whole system: one group per
 * cause (VAN-01's warm compartment raises severe, excursion and cumulative alerts), escalated
 * groups that stand out, one acknowledgement for the group that reaches a second open browser
 * within 2 s, and filters that narrow the list.
 */
describe('alert log page', () => {
  let system: TestSystem;
  let chromium: TestBrowser;
  let warm: AlertEpisode[];
  let door: AlertEpisode;

  beforeAll(async () => {
    // Critical alerts nobody acknowledges go to the coordinators after 1 s of wall time.
    system = await startTestSystem({ auth: 'users', env: { GIVRE_ALERT_ESCALATION_DELAY_S: '1' } });
    await addUsers(system, [
      { username: 'coco', role: 'coordinator' },
      { username: 'claire', role: 'coordinator' },
      { username: 'dave', role: 'driver', vans: ['VAN-02'] },
      { username: 'resto', role: 'association', association: 'resto-du-coeur-mons' },
    ]);
    // 40 min at 12 °C (limit 7 °C): severe at 5 min, excursion at 15, cumulative at 30 — one breach.
    system.bus.emit('readings-stored', { van: 'VAN-01', readings: chilled(0, 40, 12) });
    // VAN-02: cold, but its door left open for 20 min.
    system.bus.emit('readings-stored', { van: 'VAN-02', readings: chilled(0, 20, 3, true) });
    warm = await waitFor(
      () => {
        const list = system.alerts.list({ van: 'VAN-01', limit: 10 });
        const critical = list.filter((a) => a.severity === 'critical');
        const escalated = critical.every((a) => a.transitions.some((t) => t.to === 'escalated'));
        return list.length === 3 && escalated ? list : undefined;
      },
      { what: 'three alerts of one breach on VAN-01, the critical ones escalated' },
    );
    door = await waitFor(() => system.alerts.list({ van: 'VAN-02', kind: 'door-open', limit: 1 })[0], {
      what: 'a door alert on VAN-02',
    });
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
    await system?.stop();
  });

  it('groups one cause, acknowledges it once, and a second browser sees it within 2 s', async () => {
    expect(new Set(warm.map(causeOf)).size).toBe(1);
    expect(warm.map((a) => a.kind).sort()).toEqual(['cumulative', 'excursion', 'severe']);
    const cause = causeOf(warm[0]!);
    const group = `[data-testid="alert-group-${cause}"]`;
    const coco = await signedInPage(chromium, system.baseUrl, 'coco');
    const claire = await signedInPage(chromium, system.baseUrl, 'claire');
    for (const { page } of [coco, claire]) {
      await page.goto(`${system.baseUrl}/alerts`);
      await page.locator(`${group}[data-state="escalated"]`).waitFor();
      await page.locator('[data-testid="connection"][data-state="live"]').waitFor();
    }
    const { page } = coco;
    expect(await page.title()).toBe('Givre — Journal des alertes');
    expect(await page.locator(`${group} .amember`).count()).toBe(3);
    // Escalated: said in words, not by colour alone.
    expect(await page.locator(`[data-testid="group-state-${cause}"]`).textContent()).toBe(
      'Transmise à la coordination — personne n’a encore réagi',
    );
    expect(await page.locator(`${group} [data-testid="group-ack-${cause}"]`).textContent()).toBe(
      'Pas encore acquittée',
    );
    const text = (await page.locator(group).textContent()) ?? '';
    expect(text).toContain('VAN-01 · Réfrigéré');
    expect(text).toContain('Transmise à la coordination (personne n’avait acquitté)');
    expect(text).toMatch(/26\/11\/2026 20:0\d/); // Brussels time, 24-hour
    expect(text).not.toMatch(/ouverte|escalad|chilled|critical|reefer/);
    // The header leads to the other desk pages.
    expect(await page.locator('[data-testid="nav-map"]').getAttribute('href')).toBe('/map');
    await saveScreenshot(page, 'alerts');

    // One acknowledgement for the group: the reason in words, a note.
    await page.locator(`[data-testid="group-ack-button-${cause}"]`).click();
    const form = page.locator(`[data-testid="ack-form-${cause}"]`);
    await form.locator('[data-testid="ack-reason"]').selectOption('reefer-fault');
    await form.locator('[data-testid="ack-note"]').fill('groupe froid en panne, produits transférés');
    const clicked = Date.now();
    await form.locator('[data-testid="ack-submit"]').click();
    await claire.page.locator(`${group}[data-state="acknowledged"]`).waitFor({ timeout: 2_000 });
    expect(Date.now() - clicked).toBeLessThan(2_000);

    // The person who acted sees it recorded: by whom, when, why.
    await page
      .locator(`[data-testid="group-notice-${cause}"]`, { hasText: 'Acquittement enregistré.' })
      .waitFor();
    const ack = (await page.locator(`[data-testid="group-ack-${cause}"]`).textContent()) ?? '';
    expect(ack).toMatch(
      /^Acquittée par coco le \d\d\/\d\d\/\d{4} \d\d:\d\d — Panne du groupe froid « groupe froid en panne, produits transférés »$/,
    );
    for (const { page: p } of [coco, claire]) {
      await p.locator(`${group} .amember[data-acknowledged="false"]`).waitFor({ state: 'detached' });
      expect(await p.locator(`${group} .amember[data-acknowledged="true"]`).count()).toBe(3);
      expect(await p.locator(`[data-testid="group-ack-button-${cause}"]`).count()).toBe(0);
    }
    // Once for the whole cause: one acknowledgement each, all the same who and why.
    for (const a of warm)
      expect(system.alerts.get(a.id)?.acknowledgement).toMatchObject({ by: 'coco', reason: 'reefer-fault' });
    const audit = system.auth!.audit.list({ action: 'alert-ack', limit: 10 });
    expect(audit).toHaveLength(1);
    // Its lifecycle is on the page: raised, passed on, acknowledged.
    const steps = await page.locator(`[data-testid="timeline-${warm[0]!.id}"] li`).allTextContents();
    expect(steps.map((s) => s.replace(/^.* — /, ''))).toEqual(
      expect.arrayContaining(['Déclenchée', 'Transmise à la coordination (personne n’avait acquitté)']),
    );
    expect(steps.some((s) => s.includes('Acquittée par coco'))).toBe(true);
    expect(coco.errors).toEqual([]);
    expect(claire.errors).toEqual([]);
  });

  it('narrows the list with the filters, in the address bar too', async () => {
    const { page, errors } = await signedInPage(chromium, system.baseUrl, 'coco');
    await page.goto(`${system.baseUrl}/alerts`);
    const groups = page.locator('.agroup');
    await groups.nth(1).waitFor();
    expect(await groups.count()).toBe(2);
    const vans = () => groups.evaluateAll((gs) => gs.map((g) => (g as HTMLElement).dataset.van));

    await page.locator('[data-testid="filter-van"]').selectOption('VAN-02');
    await page.locator(`[data-testid="alert-group-${door.id}"]`).waitFor();
    await waitFor(async () => (await groups.count()) === 1);
    expect(await vans()).toEqual(['VAN-02']);
    expect(page.url()).toContain('van=VAN-02');

    await page.locator('[data-testid="filter-reset"]').click();
    await waitFor(async () => (await groups.count()) === 2);
    await page.locator('[data-testid="filter-severity"]').selectOption('critical');
    await waitFor(async () => (await groups.count()) === 1);
    expect(await vans()).toEqual(['VAN-01']);

    await page.locator('[data-testid="filter-reset"]').click();
    await page.locator('[data-testid="filter-kind"]').selectOption('door-open');
    await waitFor(async () => (await groups.count()) === 1);
    expect(await vans()).toEqual(['VAN-02']);

    await page.locator('[data-testid="filter-reset"]').click();
    await page.locator('[data-testid="filter-state"]').selectOption('resolved');
    await page.locator('[data-testid="alert-log-empty"]').waitFor();

    // Days in Brussels time: the 26th holds them all; the day before, none.
    await page.locator('[data-testid="filter-reset"]').click();
    await page.locator('[data-testid="filter-from"]').fill('2026-11-26');
    await page.locator('[data-testid="filter-to"]').fill('2026-11-26');
    await waitFor(async () => (await groups.count()) === 2);
    await page.locator('[data-testid="filter-to"]').fill('2026-11-25');
    await page.locator('[data-testid="alert-log-empty"]').waitFor();
    expect(errors).toEqual([]);
  });

  it('shows a driver only their vans’ alerts, and no alert log to an association', async () => {
    const driver = await signedInPage(chromium, system.baseUrl, 'dave');
    await driver.page.goto(`${system.baseUrl}/alerts`);
    await driver.page.locator(`[data-testid="alert-group-${door.id}"]`).waitFor();
    expect(await driver.page.locator('.agroup').count()).toBe(1);
    expect(await driver.page.locator('[data-testid="nav-map"]').count()).toBe(0);
    const association = await signedInPage(chromium, system.baseUrl, 'resto');
    await association.page.goto(`${system.baseUrl}/alerts`);
    expect(new URL(association.page.url()).pathname).not.toBe('/alerts');
    expect(driver.errors).toEqual([]);
  });
});
