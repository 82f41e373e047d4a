import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedCertificate } from '../core/certificates/certificate.ts';
import { launchBrowser, type TestBrowser } from './harness/chromium.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { loadInput, loadsApi, registerVans } from './harness/loads-api.ts';
import { waitFor } from './harness/wait-for.ts';

const MIN = 60_000;
const DAY = 86_400_000;
/** A calendar day in Brussels, `YYYY-MM-DD`. */
const brusselsDay = (at: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(at);
/** A phone held upright (CSS px), as issue 12 asks the certificate to be read on. */
const PHONE = { width: 390, height: 844 };
const ISSUER = { name: 'SOREAL asbl', address: 'Rue de la Croix-Rouge 1, 7000 Mons' };
/** `GIVRE_SCREENSHOTS=1` saves the phone view and the PDF's first page for the README. */
const SCREENSHOTS = process.env.GIVRE_SCREENSHOTS === '1' ? resolve('docs/screenshots') : undefined;

/**
 * Issue 12, "certificates people can read": a load carried through a reefer failure, recorded
 * every 30 s, delivered; its HTML certificate read in Chromium on a phone's width, its PDF
 * rendered by pdftoppm.
 */
describe('certificate on a phone', () => {
  let system: TestSystem;
  let chromium: TestBrowser;
  let cert: SignedCertificate;

  beforeAll(async () => {
    system = await startTestSystem({
      env: { GIVRE_ISSUER_NAME: ISSUER.name, GIVRE_ISSUER_ADDRESS: ISSUER.address },
      simulate: { vans: 1, speed: 1200, intervalS: 30, seed: 12, scenarios: { 'VAN-01': 'reefer-failure' } },
    });
    const api = loadsApi(system.baseUrl);
    const boot = await waitFor(
      async () =>
        (await system.store.readings('VAN-01', Date.now() - 3_600_000, Date.now() + 86_400_000))[0]?.ts,
      { what: 'the first reading of VAN-01' },
    );
    await registerVans(system, 'VAN-01');
    // Issue 16: the recorder's calibration, due in 20 days, and the driver's records at pickup
    // and delivery, so that the certificate (and the README's screenshots) show all of it.
    const calibrated = await fetch(`${system.baseUrl}/api/vans/VAN-01/calibrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        target: 'recorder',
        verifiedOn: brusselsDay(Date.now() - 345 * DAY),
        laboratory: 'Labo Étalon sprl (EN 13486)',
        reference: 'CAL-2026-112',
        nextDueOn: brusselsDay(Date.now() + 20 * DAY),
      }),
    });
    expect(calibrated.status).toBe(201);
    const load = await api.create(loadInput({ van: 'VAN-01', profile: 'fresh-meat' }));
    await api.mark(load.id, {
      type: 'picked-up',
      at: boot + 5 * MIN,
      by: 'driver',
      pickup: {
        marking: { kind: 'use-by', date: brusselsDay(boot + 2 * DAY), frozenByDonor: false },
        donorHandOverMinutes: 10,
      },
    });
    const delivery = boot + 3 * 60 * MIN;
    await waitFor(
      async () => (await system.store.readings('VAN-01', delivery + MIN, delivery + 60 * MIN)).length > 0,
      { what: 'readings past the delivery', timeoutMs: 40_000 },
    );
    await api.mark(load.id, {
      type: 'delivered',
      at: delivery,
      by: 'association',
      reception: { accepted: true, probeCelsius: 6.5 },
      delivery: { charityHandOverMinutes: 8 },
    });
    cert = await api.certificate(load.id);
    chromium = await launchBrowser();
  }, 90_000);
  afterAll(async () => {
    await chromium?.close();
    await system?.stop();
  });

  it('signs the installation’s issuer into the certificate', () => {
    expect(cert.certificate).toMatchObject({ issuer: ISSUER.name, issuerAddress: ISSUER.address });
    // The reefer failure broke the cold chain: whatever the date, the load is not handed out.
    expect(cert.certificate.disposition?.disposition).toBe('do-not-distribute');
    expect(cert.certificate.calibration?.records.map((r) => r.reference)).toEqual(['CAL-2026-112']);
    expect(cert.certificate.timeOutOfCold).toBeDefined();
    expect(cert.certificate.report.recordingInterval.observedMs).toBe(30_000);
  });

  it('fits a 390 px wide screen without scrolling the page sideways, chart and limit label inside', async () => {
    const { page, errors } = await chromium.newPage();
    await page.setViewportSize(PHONE);
    await page.goto(`${system.baseUrl}/api/loads/${cert.certificate.load.id}/certificate.html?lang=fr`);
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      body: document.body.scrollWidth,
      chart: document.querySelector('[data-testid="chart"]')!.getBoundingClientRect().width,
    }));
    expect(widths.scroll).toBeLessThanOrEqual(PHONE.width);
    expect(widths.body).toBeLessThanOrEqual(PHONE.width);
    expect(widths.chart).toBeGreaterThan(PHONE.width * 0.8);
    // Nothing outside a table's own scrolling box reaches past the screen's right edge.
    const beyond = await page.evaluate(
      (w) =>
        [...document.querySelectorAll('body *')]
          .filter((e) => !e.closest('.scroll') && e.getBoundingClientRect().right > w + 0.5)
          .map((e) => `${e.tagName} ${e.textContent?.slice(0, 40)}`),
      PHONE.width,
    );
    expect(beyond).toEqual([]);
    // Every label of the chart lies inside the chart (none clipped at an edge).
    const chart = page.locator('[data-testid="chart"]');
    const box = (await chart.boundingBox())!;
    for (const label of await chart.locator('text').all()) {
      const b = (await label.boundingBox())!;
      expect(b.x).toBeGreaterThanOrEqual(box.x - 0.5);
      expect(b.x + b.width).toBeLessThanOrEqual(box.x + box.width + 0.5);
    }
    expect(await page.locator('[data-testid="limit-label"]').textContent()).toBe('limite 7,0 °C');
    const text = await page.locator('body').innerText();
    expect(text).toContain(`${ISSUER.name}\n${ISSUER.address}`);
    expect(text).toContain('observé 30 s');
    expect(text).toMatch(/\d\d\/\d\d\/\d{4} \d\d:\d\d UTC\+\d/);
    expect(text).not.toMatch(/\(critical\)|\(warning\)|reefer-fault|non-compliant|\bchilled\b/);
    if (SCREENSHOTS) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, 'certificate-phone.png'), fullPage: true });
    }
    expect(errors).toEqual([]);
  });

  it('renders the PDF’s first page (pdftoppm), with the issuer and °C as text', async () => {
    const res = await fetch(
      `${system.baseUrl}/api/loads/${cert.certificate.load.id}/certificate.pdf?lang=fr`,
    );
    const file = join(system.dataDir, 'certificate.pdf');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const run = promisify(execFile);
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
    expect(stdout).toContain(`${ISSUER.name}, ${ISSUER.address}`);
    expect(stdout).toContain('°C');
    expect(stdout).toContain('→');
    await run('pdftoppm', [
      '-png',
      '-r',
      '80',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      file,
      join(system.dataDir, 'page1'),
    ]);
    const png = join(system.dataDir, 'page1.png');
    expect(statSync(png).size).toBeGreaterThan(10_000);
    if (SCREENSHOTS) copyFileSync(png, join(SCREENSHOTS, 'certificate-pdf.png'));
  });
});
