import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { renderCertificatePdf } from './certificate-pdf.ts';
import {
  issuedWithAlert,
  legacySigned,
  RAW_CODES,
  RAW_CODES_FR,
  readings,
  signed,
} from './certificate-test-kit.ts';
import type { Lang } from '../text/lang.ts';

const dir = mkdtempSync(join(tmpdir(), 'givre-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

const pdfOf = (cert = signed(), lang: Lang = 'fr') =>
  renderCertificatePdf(cert, readings(), {
    lang,
    verifyUrl: 'https://givre.example/verify/t/abc',
    supersededBy: null,
    productName: 'Volaille',
  });

/** The text a reader sees, as poppler's pdftotext reads it back, spaces and line ends made one space. */
async function render(cert = signed(), lang: Lang = 'fr'): Promise<string> {
  const file = join(dir, `c${n++}.pdf`);
  writeFileSync(file, await pdfOf(cert, lang));
  const { stdout } = await promisify(execFile)('pdftotext', ['-enc', 'UTF-8', file, '-']);
  return stdout.replace(/\s+/g, ' ');
}

describe('PDF certificate: each sensor judged on its own series (issue 10)', () => {
  it('names the deciding sensor, in French and in English', async () => {
    expect(await render()).toContain('Capteur déterminant : REAR');
    expect(await render(signed(), 'en')).toContain('Deciding sensor: REAR');
  });

  it('has a table row per sensor with its verdict, and the deciding one marked', async () => {
    const fr = await render();
    expect(fr).toContain('Résultat par capteur');
    expect(fr).toMatch(/FRONT données incomplètes 2,1 °C \/ 4,0 °C \/ 3,1 °C 0 min 5 min 1/);
    expect(fr).toMatch(/REAR \(déterminant\) non conforme 2,5 °C \/ 9,2 °C \/ 5,4 °C 40 min 5 min 0/);
    const en = await render(signed(), 'en');
    expect(en).toContain('Result by sensor');
    expect(en).toMatch(/REAR \(deciding\) non-compliant/);
  });

  it('puts the sensor on each excursion and each gap line', async () => {
    const fr = await render();
    expect(fr).toContain('REAR — dépassement : 12/03/2025 09:30 UTC+1 → 12/03/2025 10:10 UTC+1, pic 9,2 °C');
    expect(fr).toContain('FRONT — 12/03/2025 09:50 UTC+1 → 12/03/2025 10:10 UTC+1 (20 min)');
    expect(await render(signed(), 'en')).toContain(
      'REAR — excursion: 12/03/2025, 09:30 CET → 12/03/2025, 10:10 CET, peak 9.2 °C',
    );
  });

  it('says which of the van’s records are missing and that the last ones are awaited', async () => {
    expect(await render()).toContain(
      'relevés manquants : n° 120–123, 130 ; en attente des derniers relevés du véhicule',
    );
    expect(await render(signed(), 'en')).toContain('waiting for the van’s last records');
  });

  it('names each sensor of the chart in its legend, with the limit', async () => {
    const text = await render();
    const chart = text.slice(text.indexOf('Mesure : température de l’air'));
    for (const label of ['FRONT', 'REAR (déterminant)', 'limite 4,0 °C']) expect(chart).toContain(label);
  });

  it('renders a certificate signed before sensors were judged apart, without the facts it lacks', async () => {
    const text = await render(legacySigned());
    expect(text).toContain('NON CONFORME');
    expect(text).not.toContain('Capteur déterminant');
    expect(text).not.toContain('Résultat par capteur');
    expect(text).toContain('Dépassements dépassement : 12/03/2025 09:30 UTC+1');
  });
});

describe('PDF certificate people can read (issue 12)', () => {
  it('writes °C, →, Δ and French letters as they are, in an embedded DejaVu Sans', async () => {
    const pdf = await pdfOf();
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold\b/);
    const fr = await render();
    expect(fr).toContain('Température cinétique moyenne (indicative, ΔH/R = 10 000 K) 4,9 °C');
    expect(fr).toContain('Période 12/03/2025 09:00 UTC+1 → 12/03/2025 11:00 UTC+1 (2 h 00 min)');
    expect(fr).toContain('Certificat de conformité de la chaîne du froid');
    expect(fr).not.toMatch(/->| - 12\//);
  });

  it('writes a temperature below zero with its minus sign', async () => {
    const frozen = signed();
    frozen.certificate.report.limit.maxCelsius = -18;
    frozen.certificate.report.limit.toleranceCelsius = -15;
    expect(await render(frozen)).toContain('−18,0 °C (tolérance en transport −15,0 °C)');
  });

  it('names the issuing organisation and its address', async () => {
    const fr = await render(issuedWithAlert());
    expect(fr).toContain('Émis par : SOREAL asbl, Rue de la Croix-Rouge 1, 7000 Mons');
    expect(await render(issuedWithAlert(), 'en')).toContain(
      'Issued by: SOREAL asbl, Rue de la Croix-Rouge 1, 7000 Mons',
    );
  });

  it('prints alerts, reasons and the compartment in words, never their codes', async () => {
    const fr = await render(issuedWithAlert());
    expect(fr).toContain('dépassement prolongé (critique) : 12/03/2025 09:45 UTC+1');
    expect(fr).toContain('panne du groupe froid : groupe relancé');
    expect(fr).toContain('VAN-07 / réfrigéré');
    for (const code of RAW_CODES_FR) expect(fr).not.toMatch(code);
    const en = await render(issuedWithAlert(), 'en');
    expect(en).toContain('refrigeration unit fault');
    for (const code of RAW_CODES) expect(en).not.toMatch(code);
  });

  it('gives an interval under a minute in seconds', async () => {
    expect(await render(issuedWithAlert())).toContain('observé 30 s (capteur REAR)');
  });

  it('labels the limit on the chart, and numbers its pages', async () => {
    const fr = await render();
    expect(fr.match(/limite 4,0 °C/g)).toHaveLength(2); // on the line, and in the legend
    expect(fr).toMatch(/LD-TEST1-v1 · page 1\/(\d)/);
  });
});
