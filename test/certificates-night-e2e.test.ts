import { execFile } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_SET_VERSION } from '../core/rule-settings.ts';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedCertificate } from '../core/certificates/certificate.ts';
import { launchBrowser, type TestBrowser } from './harness/chromium.ts';
import { runGivre, startTestSystem, type TestSystem } from './harness/givre.ts';
import { loadInput, loadsApi, registerVans } from './harness/loads-api.ts';
import { waitFor } from './harness/wait-for.ts';

const MIN = 60_000;
const NIGHT = { pickupMin: 5, deliveryMin: 6 * 60 };
const EXPECTED = { 'VAN-01': 'compliant', 'VAN-02': 'non-compliant', 'VAN-03': 'incomplete' } as const;

/**
 * Issue 6, acceptance: an accelerated night (1200×: pickup 5 min after the evening start,
 * delivery 6 h later) with three simulated vans — normal, reefer failure, sensor dropout —
 * through the real broker, ingest, store, certificates, Chromium, pdftoppm and `givre verify`.
 */
describe('certificates: an accelerated night with three vans', () => {
  let system: TestSystem;
  let chromium: TestBrowser;
  const certs = new Map<string, SignedCertificate>();

  beforeAll(async () => {
    system = await startTestSystem({
      simulate: {
        vans: 3,
        speed: 1200,
        intervalS: 60,
        seed: 11,
        scenarios: { 'VAN-02': 'reefer-failure', 'VAN-03': 'sensor-dropout' },
      },
    });
    const api = loadsApi(system.baseUrl);
    const boot = new Map<string, number>();
    for (const van of Object.keys(EXPECTED)) {
      const first = await waitFor(
        async () => (await system.store.readings(van, Date.now() - 3_600_000, Date.now() + 86_400_000))[0],
        {
          what: `first reading of ${van}`,
        },
      );
      boot.set(van, first.ts);
    }
    await registerVans(system, ...Object.keys(EXPECTED));
    const loads = new Map<string, string>();
    for (const [i, van] of Object.keys(EXPECTED).entries()) {
      const recipient =
        i === 2
          ? { id: 'epicerie-sociale-jemappes', name: 'Épicerie sociale de Jemappes' }
          : { id: 'resto-du-coeur-mons', name: 'Restos du Cœur de Mons' };
      const load = await api.create(loadInput({ van, recipient }));
      await api.mark(load.id, {
        type: 'picked-up',
        at: boot.get(van)! + NIGHT.pickupMin * MIN,
        by: 'driver',
      });
      loads.set(van, load.id);
    }
    for (const [van, id] of loads) {
      const delivery = boot.get(van)! + NIGHT.deliveryMin * MIN;
      await waitFor(
        async () => (await system.store.readings(van, delivery + MIN, delivery + 60 * MIN)).length > 0,
        {
          what: `${van}'s readings past the delivery`,
          timeoutMs: 50_000,
        },
      );
      await api.mark(id, {
        type: 'delivered',
        at: delivery,
        by: 'association',
        reception: { accepted: true, probeCelsius: 3.1 },
      });
      certs.set(van, await api.certificate(id));
    }
    chromium = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await chromium?.close();
    await system?.stop();
  });

  it('gives each van the verdict its scenario calls for', () => {
    for (const [van, verdict] of Object.entries(EXPECTED))
      expect(certs.get(van)?.certificate.report.verdict, van).toBe(verdict);
    const dropout = certs.get('VAN-03')!.certificate;
    expect(dropout.provisional).toBe(true);
    // The simulator's dropout: 20 min without chilled records, from 20 min after boot.
    expect(dropout.report.gaps.some((g) => g.durationMs >= 19 * MIN)).toBe(true);
    expect(certs.get('VAN-02')!.certificate.report.excursions.map((x) => x.kind)).toContain('excursion');
    expect(certs.get('VAN-01')!.certificate.report).toMatchObject({
      ruleSetVersion: RULE_SET_VERSION,
      recorder: { sensors: ['VAN-01-T1'] },
    });
  });

  it('renders the PDF with its chart (pdftoppm)', async () => {
    const id = certs.get('VAN-02')!.certificate.load.id;
    const pdf = Buffer.from(
      await (await fetch(`${system.baseUrl}/api/loads/${id}/certificate.pdf`)).arrayBuffer(),
    );
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = join(system.dataDir, 'cert.pdf');
    writeFileSync(file, pdf);
    await promisify(execFile)('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-singlefile',
      file,
      join(system.dataDir, 'cert'),
    ]);
    expect(statSync(join(system.dataDir, 'cert.png')).size).toBeGreaterThan(5_000);
    if (process.env.GIVRE_KEEP_PNG)
      writeFileSync(process.env.GIVRE_KEEP_PNG, readFileSync(join(system.dataDir, 'cert.png')));
  });

  it('renders the HTML certificate in Chromium, in French and English, with chart, limit line and QR code', async () => {
    const id = certs.get('VAN-02')!.certificate.load.id;
    const { page, errors } = await chromium.newPage();
    await page.goto(`${system.baseUrl}/api/loads/${id}/certificate.html?lang=fr`);
    expect(await page.locator('[data-testid="verdict"]').textContent()).toBe('NON CONFORME');
    expect(await page.locator('[data-testid="chart"] polyline').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="limit-line"]').count()).toBe(1);
    expect(await page.locator('[data-testid="qr"] svg').count()).toBe(1);
    await page.goto(`${system.baseUrl}/api/loads/${id}/certificate.html?lang=en`);
    expect(await page.locator('[data-testid="verdict"]').textContent()).toBe('NON-COMPLIANT');
    expect(errors).toEqual([]);
  });

  it('lists on an association page only the loads addressed to it', async () => {
    const { page, errors } = await chromium.newPage();
    await page.goto(`${system.baseUrl}/associations/resto-du-coeur-mons`);
    await page.locator('[data-testid="load-row"]').first().waitFor();
    const ids = await page
      .locator('[data-testid="load-row"]')
      .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.loadId));
    expect(ids.sort()).toEqual(
      [certs.get('VAN-01')!.certificate.load.id, certs.get('VAN-02')!.certificate.load.id].sort(),
    );
    expect(errors).toEqual([]);
  });

  it('verifies the certificate at /verify/{id} (the QR code) in Chromium', async () => {
    const { page, errors } = await chromium.newPage();
    await page.goto(`${system.baseUrl}/verify/${certs.get('VAN-01')!.certificate.id}?lang=en`);
    const result = page.locator('[data-testid="verify-result"]');
    await result.waitFor();
    expect(await result.getAttribute('data-valid')).toBe('true');
    expect(errors).toEqual([]);
  });

  it('givre verify accepts the certificate and rejects a tampered copy, saying so', async () => {
    const good = join(system.dataDir, 'certificate.json');
    const bad = join(system.dataDir, 'tampered.json');
    const signed = certs.get('VAN-02')!;
    writeFileSync(good, JSON.stringify(signed, null, 2));
    writeFileSync(bad, JSON.stringify(signed).replace('"non-compliant"', '"compliant"'));
    const key = join(system.dataDir, 'keys', 'certificate-ed25519.pub.pem');
    const ok = await runGivre(['verify', good, '--public-key', key]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('VALID');
    const ko = await runGivre(['verify', bad, '--public-key', key]);
    expect(ko.code).toBe(1);
    expect(ko.stdout).toContain('INVALID: the signature does not match');
  });
});
