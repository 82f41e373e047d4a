import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { signCertificate, verifyCertificate } from '../../compliance/certificate-signature.ts';
import type { SignedCertificate } from '../../core/certificates/certificate.ts';
import { loadColdChain } from '../../core/compliance/load-cold-chain.ts';
import type { PickupRecord } from '../../core/loads/date-marking.ts';
import { DEFAULT_PROFILES, findProfile } from '../../core/product-profiles.ts';
import type { Reading } from '../../core/readings.ts';
import type { Lang } from '../text/lang.ts';
import { renderCertificateHtml } from './certificate-html.ts';
import { renderCertificatePdf } from './certificate-pdf.ts';
import { FROM, readings, signed, TO, twoSensorReport, visibleText } from './certificate-test-kit.ts';

/**
 * Issue 16 on the certificate: time out of cold with its parts and the budget's verdict, and
 * the disposition with its rule, source and reason, signed in and printed in French, English
 * and Dutch; a certificate signed before states neither and still verifies.
 */
const MIN = 60_000;
const keys = generateKeyPairSync('ed25519');
const poultry = findProfile(DEFAULT_PROFILES, 'poultry')!;

/** The door opened 3 min then 2 min while on board (delivered 12/03/2025 11:00 in Brussels). */
const doors: Reading[] = [
  { kind: 'door', compartment: 'chilled', open: true, seq: 1, ts: FROM + 30 * MIN },
  { kind: 'door', compartment: 'chilled', open: false, seq: 2, ts: FROM + 33 * MIN },
  { kind: 'door', compartment: 'chilled', open: true, seq: 3, ts: FROM + 60 * MIN },
  { kind: 'door', compartment: 'chilled', open: false, seq: 4, ts: FROM + 62 * MIN },
];

/** A compliant poultry load, use-by on its delivery day, with the hand-overs recorded: signed for real. */
function issued(donorMinutes = 12, charityMinutes = 8): SignedCertificate {
  const report = { ...twoSensorReport(), verdict: 'compliant' as const };
  report.records = { complete: true, tailReceived: true, missing: [] };
  const pickup: PickupRecord = {
    marking: { kind: 'use-by', date: '2025-03-12', frozenByDonor: false },
    donorHandOverMinutes: donorMinutes,
  };
  const delivery = { charityHandOverMinutes: charityMinutes };
  const base = signed(report, false).certificate;
  const load = { ...base.load, pickup, delivery };
  const chain = loadColdChain(
    { ...load, pickedUpAt: FROM, deliveredAt: TO },
    [...readings(), ...doors],
    report,
    poultry,
  );
  return signCertificate(
    { ...base, load, report, timeOutOfCold: chain.timeOutOfCold, disposition: chain.disposition! },
    keys.privateKey,
  );
}

const html = async (cert: SignedCertificate, lang: Lang = 'fr') =>
  renderCertificateHtml(cert, readings(), {
    lang,
    verifyUrl: 'https://givre.example/verify/t/abc',
    supersededBy: null,
    productName: 'Volaille',
  });

const dir = mkdtempSync(join(tmpdir(), 'givre-cold-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
async function pdfText(cert: SignedCertificate, lang: Lang = 'fr'): Promise<string> {
  const file = join(dir, `c${n++}.pdf`);
  const pdf = await renderCertificatePdf(cert, readings(), {
    lang,
    verifyUrl: 'https://givre.example/verify/t/abc',
    supersededBy: null,
    productName: 'Volaille',
  });
  writeFileSync(file, pdf);
  const { stdout } = await promisify(execFile)('pdftotext', ['-enc', 'UTF-8', file, '-']);
  return stdout.replace(/\s+/g, ' ');
}

describe('certificate: time out of cold and disposition (issue 16)', () => {
  it('signs both in, and the signature covers them', () => {
    const cert = issued();
    expect(cert.certificate.timeOutOfCold).toEqual({
      donorHandOver: { minutes: 12 },
      doorOpenings: { minutes: 5, count: 2 },
      charityHandOver: { minutes: 8 },
      knownMinutes: 25,
      complete: true,
      budgetMinutes: 30,
      standing: 'within',
    });
    expect(cert.certificate.disposition).toMatchObject({
      disposition: 'freeze-today',
      rule: { id: 'use-by-today-freeze', version: 1, ruleSet: 'givre-disposition/1' },
      freezeOn: '2025-03-12',
    });
    expect(verifyCertificate(cert, keys.publicKey)).toMatchObject({ valid: true });
    const tampered = structuredClone(cert);
    tampered.certificate.timeOutOfCold!.charityHandOver.minutes = 2;
    expect(verifyCertificate(tampered, keys.publicKey).valid).toBe(false);
    const rewritten = structuredClone(cert);
    rewritten.certificate.disposition!.disposition = 'distribute';
    expect(verifyCertificate(rewritten, keys.publicKey).valid).toBe(false);
  });

  it('still verifies a certificate signed before, which states neither, and prints it without them', async () => {
    const old = signCertificate(signed().certificate, keys.privateKey);
    const stored = JSON.parse(JSON.stringify(old)) as SignedCertificate;
    expect(stored.certificate).not.toHaveProperty('timeOutOfCold');
    expect(verifyCertificate(stored, keys.publicKey)).toMatchObject({ valid: true });
    const page = await html(stored);
    expect(page).not.toContain('data-testid="cold-chain"');
    expect(await pdfText(stored)).not.toContain('Temps hors du froid');
  });

  it('prints the parts, the figure and the disposition in French', async () => {
    const page = await html(issued());
    const text = visibleText(page);
    expect(text).toContain('Date du produit À consommer jusqu’au 12/03/2025 (DLC)');
    expect(text).toContain('Remise chez le donateur 12 min');
    expect(text).toContain('Ouvertures de porte à bord 5 min (2 ouvertures)');
    expect(text).toContain('Remise à l’association 8 min');
    expect(text).toContain('Temps hors du froid 25 min — dans le budget — budget 30 min');
    expect(page).toContain('data-disposition="freeze-today"');
    expect(text).toContain('Congeler aujourd’hui');
    expect(text).toContain('À écrire sur l’emballage : « congelé le 12/03/2025 »');
    expect(text).toContain('règle use-by-today-freeze v1 (givre-disposition/1)');
    expect(text).toContain('PCCB/S3/CDP/1092228');
    expect(text).toContain('paragraph not confirmed');
    expect(page).not.toContain('data-testid="time-out-of-cold-over"');
  });

  it('warns when the load was out of the cold longer than the budget', async () => {
    const page = await html(issued(20, 8));
    expect(visibleText(page)).toContain('Temps hors du froid 33 min — BUDGET DÉPASSÉ — budget 30 min');
    expect(page).toContain('data-testid="time-out-of-cold-over"');
    expect(await pdfText(issued(20, 8), 'en')).toContain('Warning: this load spent longer out of the cold');
  });

  it('says it in English and in Dutch', async () => {
    const en = visibleText(await html(issued(), 'en'));
    expect(en).toContain('Time out of cold 25 min — within the budget — budget 30 min');
    expect(en).toContain('Freeze today');
    expect(en).toContain('Write on the pack: “frozen on 12/03/2025”');
    const nl = visibleText(await html(issued(), 'nl'));
    expect(nl).toContain('Productdatum Te gebruiken tot 12/03/2025 (TGT)');
    expect(nl).toContain('Tijd buiten de koude 25 min — binnen het budget — toegelaten: 30 min');
    expect(nl).toContain('Vandaag invriezen');
    expect(nl).toContain('vandaag invriezen (−18 °C)');
  });

  it('prints them in the PDF, as pdftotext reads it back', async () => {
    const fr = await pdfText(issued());
    expect(fr).toContain('Temps hors du froid');
    expect(fr).toContain('Remise chez le donateur 12 min');
    expect(fr).toContain('Ouvertures de porte à bord 5 min (2 ouvertures)');
    expect(fr).toContain('25 min — dans le budget — budget 30 min');
    expect(fr).toContain('Congeler aujourd’hui');
    expect(fr).toContain('« congelé le 12/03/2025 »');
    expect(fr).toContain('use-by-today-freeze v1');
    const nl = await pdfText(issued(), 'nl');
    expect(nl).toContain('Tijd buiten de koude');
    expect(nl).toContain('Vandaag invriezen');
  });
});
