import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertEpisode } from '../core/alert-episode.ts';
import type { AlertMessage } from '../core/messages.ts';
import { createSimulatedVan, type SimulatedVan } from '../firmware-sim/simulated-van.ts';
import { launchBrowser, type TestBrowser } from './harness/chromium.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { waitFor } from './harness/wait-for.ts';
import { startWebhookReceiver } from './harness/webhook-receiver.ts';

const SECRET = 'test-secret-0123456789abcdef';

/**
 * Issue 5, acceptance: the simulator's reefer-failure scenario at 600× speed, through the
 * real broker, ingest, alert engine, dashboard, webhook and Chromium. Delays are shortened
 * by configuration (excursion 5 min of device time; escalation 2 s of wall time).
 */
describe('alerts: reefer failure end to end', () => {
  let system: TestSystem;
  let chromium: TestBrowser;
  let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const vans: SimulatedVan[] = [];
  const cab = new Map<string, AlertMessage[]>();

  beforeAll(async () => {
    hooks = await startWebhookReceiver(SECRET, { failFirst: 1 });
    system = await startTestSystem({
      env: {
        GIVRE_ALERT_EXCURSION_DELAY_S: '300',
        GIVRE_ALERT_ESCALATION_DELAY_S: '2',
        GIVRE_ALERT_ESCALATION_REMINDER_S: '600',
        GIVRE_WEBHOOK_URL: hooks.url,
        GIVRE_WEBHOOK_SECRET: SECRET,
      },
    });
    for (const van of ['VAN-01', 'VAN-02']) {
      cab.set(van, []);
      const v = createSimulatedVan({
        van,
        url: system.mqttUrl,
        scenario: 'reefer-failure',
        seed: 5,
        speed: 600,
        intervalS: 30,
        onAlert: (a) => cab.get(van)!.push(a),
      });
      vans.push(v);
      await v.start();
    }
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
    for (const v of vans) await v.stop();
    await system?.stop();
    await hooks?.close();
  });

  const excursionOf = (van: string) =>
    system.alerts.list({ van, kind: 'excursion', limit: 10 }).find((a) => a.compartment === 'chilled');

  it('shows the alert to the driver, whose acknowledgement reaches the coordinator, the van and the webhook', async () => {
    const driver = await chromium.newPage();
    const coordinator = await chromium.newPage();
    await coordinator.page.goto(system.baseUrl);
    await driver.page.goto(`${system.baseUrl}/driver/VAN-01`);

    const alert = await waitFor(() => excursionOf('VAN-01'), {
      what: 'an excursion on VAN-01 chilled',
      timeoutMs: 40_000,
    });
    expect(alert).toMatchObject({ severity: 'critical', limit: 7 });
    expect(alert.detectedAt - alert.startedAt).toBeGreaterThanOrEqual(300_000);

    const banner = driver.page.locator('[data-testid="alert-banner"][data-alert-id]');
    await banner.waitFor({ timeout: 15_000 });
    // The banner shows the most urgent: critical, oldest first — the excursion, which began first.
    expect(await banner.getAttribute('data-alert-id')).toBe(alert.id);
    expect(await banner.locator('[data-testid="alert-title"]').textContent()).toContain('Réfrigéré');
    // Two taps: "Acquitter", then the reason.
    await driver.page.locator('[data-testid="ack-button"]').click();
    await driver.page.locator('[data-testid="ack-reason-reefer-fault"]').click();
    // « en cours, non acquittée » until then: the whole state, not a word of it.
    await coordinator.page
      .locator(`[data-testid="alert-state-${alert.id}"]`)
      .filter({ hasText: /^acquittée, en cours$/ })
      .waitFor({ timeout: 15_000 });
    const stored = system.alerts.get(alert.id)!;
    expect(stored.acknowledgement).toMatchObject({ by: 'driver:VAN-01', reason: 'reefer-fault' });

    await waitFor(() => cab.get('VAN-01')!.some((m) => m.id === alert.id && m.state === 'acknowledged'), {
      what: 'the acknowledged alert on the van topic',
    });
    expect(cab.get('VAN-01')!.find((m) => m.id === alert.id)?.state).toBe('open');

    // The receiver refused the first POST (503): the channel retried.
    await waitFor(
      () => hooks.received.some((h) => h.body.episode.id === alert.id && h.event === 'alert.acknowledged'),
      { what: 'the acknowledgement at the webhook' },
    );
    expect(hooks.received.every((h) => h.signatureValid)).toBe(true);
    expect(driver.errors).toEqual([]);
    expect(coordinator.errors).toEqual([]);
  });

  it('escalates an alert nobody acknowledges, then takes the acknowledgement from the cab', async () => {
    const alert = await waitFor(() => excursionOf('VAN-02'), {
      what: 'an excursion on VAN-02',
      timeoutMs: 40_000,
    });
    const escalated = await waitFor(
      () => hooks.received.find((h) => h.body.episode.id === alert.id && h.event === 'alert.escalated'),
      { what: 'the escalation at the webhook' },
    );
    expect(escalated.signatureValid).toBe(true);

    const { page, errors } = await chromium.newPage();
    await page.goto(system.baseUrl);
    await page
      .locator(`[data-testid="alert-state-${alert.id}"]`)
      .filter({ hasText: 'transmise à la coordination' })
      .waitFor({ timeout: 15_000 });

    await vans[1]!.acknowledge(alert.id, 'reefer-fault', 'groupe en panne');
    await page
      .locator(`[data-testid="alert-state-${alert.id}"]`)
      .filter({ hasText: /^acquittée, en cours$/ })
      .waitFor({ timeout: 15_000 });

    const res = await fetch(`${system.baseUrl}/api/alerts?van=VAN-02&kind=excursion`);
    const listed = (await res.json()) as AlertEpisode[];
    const one = listed.find((a) => a.id === alert.id)!;
    expect(one.acknowledgement).toMatchObject({
      by: 'cab:VAN-02',
      reason: 'reefer-fault',
      text: 'groupe en panne',
    });
    expect(one.transitions.map((t) => t.to)).toEqual(
      expect.arrayContaining(['open', 'escalated', 'acknowledged']),
    );
    expect(errors).toEqual([]);
  });
});
