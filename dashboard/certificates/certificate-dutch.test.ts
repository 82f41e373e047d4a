import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { TEXT } from '../text/catalogue.ts';
import type { Lang } from '../text/lang.ts';
import { renderCertificateHtml } from './certificate-html.ts';
import { renderCertificatePdf } from './certificate-pdf.ts';
import { issuedWithAlert, RAW_CODES, readings, signed, visibleText } from './certificate-test-kit.ts';

/**
 * Issue 16: a certificate in Dutch, HTML and PDF, for an association in Flanders or an FAVV
 * inspector. Every label from the catalogue in Dutch, none left in French or English, times in
 * Brussels on a 24-hour clock with the zone, decimals with a comma.
 */
const dir = mkdtempSync(join(tmpdir(), 'givre-pdf-nl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

const opts = (lang: Lang) => ({
  lang,
  verifyUrl: 'https://givre.example/verify/t/abc',
  supersededBy: null,
  productName: 'Gevogelte, konijn, wild',
});
const html = (cert = issuedWithAlert(), lang: Lang = 'nl') =>
  renderCertificateHtml(cert, readings(), opts(lang));

/** The PDF's text as poppler's pdftotext reads it back, whitespace made one space. */
async function pdfText(cert = issuedWithAlert(), lang: Lang = 'nl'): Promise<string> {
  const file = join(dir, `c${n++}.pdf`);
  writeFileSync(file, await renderCertificatePdf(cert, readings(), opts(lang)));
  const { stdout } = await promisify(execFile)('pdftotext', ['-enc', 'UTF-8', file, '-']);
  return stdout.replace(/\s+/g, ' ');
}

/**
 * The certificate's French and English words that Dutch says otherwise: none may be left on a
 * Dutch certificate. Short ones (« fois », « pic ») are checked as whole words.
 */
function foreignWords(): string[] {
  const nl = TEXT.nl.certificate as Record<string, unknown>;
  const words = (lang: 'fr' | 'en') =>
    Object.entries(TEXT[lang].certificate).flatMap(([key, value]) =>
      typeof value === 'string' && value !== nl[key] ? [value] : [],
    );
  return [...words('fr'), ...words('en'), ...Object.values(TEXT.fr.common.verdicts)];
}
const contains = (text: string, phrase: string) =>
  new RegExp(`(^|[^\\p{L}])${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(text);

/** What both renderings must say, in the words a Dutch reader expects. */
const DUTCH = [
  'Conformiteitscertificaat van de koudeketen',
  'NIET CONFORM',
  'Bepalende sensor: REAR',
  'Lading LD-TEST1 — Gevogelte, konijn, wild',
  'Ophaling 12/03/2025, 09:00 CET',
  'Ontvangende vereniging',
  'Koelwagen / laadruimte VAN-07 / gekoeld',
  'Wettelijke limiet (producttemperatuur) 4,0 °C',
  'ontbrekende registraties: nrs. 120–123, 130; in afwachting van de laatste registraties van de koelwagen',
  'Deuropeningen één keer, 2 min',
  'te lang boven de limiet (kritiek): 12/03/2025, 09:45 CET → 12/03/2025, 10:15 CET; bevestigd door Marie, 12/03/2025, 09:50 CET, storing van de koelgroep: groupe relancé',
  'deur te lang open (waarschuwing)',
  'niet bevestigd',
  'Ontvangstcontrole aanvaard',
  'Resultaat per sensor',
  'REAR (bepalend) niet conform 2,5 °C / 9,2 °C / 5,4 °C 40 min',
  'Meting: luchttemperatuur van de laadruimte (Verord. (EG) 37/2005).',
  'Uitgegeven door: SOREAL asbl',
  'Ed25519-handtekening, sleutel',
  'Dit certificaat controleren',
];

describe('a certificate in Dutch (issue 16)', () => {
  it('speaks Dutch throughout in HTML, with no French or English label left', async () => {
    const page = await html();
    expect(page).toContain('<html lang="nl">');
    const text = visibleText(page);
    for (const phrase of DUTCH) expect(text).toContain(phrase);
    expect(text).toContain('REAR overschrijding 12/03/2025, 09:30 CET 12/03/2025, 10:10 CET 9,2 °C');
    expect(text).toContain('Luchttemperatuur (°C) en limiet — Brusselse tijd (CET)');
    for (const word of foreignWords()) expect(contains(text, word), word).toBe(false);
    for (const code of RAW_CODES) expect(text).not.toMatch(code);
  });

  it('speaks Dutch throughout in PDF, as pdftotext reads it back', async () => {
    const text = await pdfText();
    for (const phrase of DUTCH) expect(text).toContain(phrase);
    expect(text).toContain(
      'REAR — overschrijding: 12/03/2025, 09:30 CET → 12/03/2025, 10:10 CET, piek 9,2 °C',
    );
    expect(text).toMatch(/LD-TEST1-v1 · pagina 1\/\d/);
    for (const word of foreignWords()) expect(contains(text, word), word).toBe(false);
    for (const code of RAW_CODES) expect(text).not.toMatch(code);
  });

  it('reads as the French one reads, fact for fact: the same times and figures, other words', async () => {
    const fr = visibleText(await html(issuedWithAlert(), 'fr'));
    const nl = visibleText(await html());
    const figures = (text: string) => text.match(/\d+(,\d+)? °C|\d{2}:\d{2}/g);
    expect(figures(nl)).toEqual(figures(fr));
    expect(nl).not.toContain('Capteur déterminant');
    expect(fr).not.toContain('Bepalende sensor');
  });

  it('says a summer time as such, and counts doors in Dutch', async () => {
    const cert = signed();
    cert.certificate.load.pickedUpAt = Date.UTC(2025, 6, 1, 12, 5);
    cert.certificate.report.doors.count = 3;
    const text = visibleText(await html(cert));
    expect(text).toContain('Ophaling 01/07/2025, 14:05 CEST');
    expect(text).toContain('Deuropeningen 3 keer');
  });
});
