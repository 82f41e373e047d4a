import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderCertificatePdf } from './certificate-pdf.ts';
import { legacySigned, readings, signed } from './certificate-test-kit.ts';
import type { CertLang } from './certificate-text.ts';

/** WinAnsi bytes PDFKit writes for characters outside Latin-1 (PDF 32000-1, annex D.2). */
const WIN_ANSI: Record<number, string> = { 0x92: '’', 0x96: '–', 0x97: '—', 0x9c: 'œ' };

/**
 * The text a reader sees, one string per line drawn: PDFKit writes each line as a `TJ` of
 * hex strings in a Flate-compressed content stream, with the standard fonts' WinAnsi codes.
 */
function pdfLines(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue; // not a compressed content stream (an image, a font)
    }
    for (const tj of content.matchAll(/\[([^\]]*)\] TJ/g)) {
      const hex = [...tj[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]).join('');
      const bytes = Buffer.from(hex, 'hex');
      lines.push([...bytes].map((b) => WIN_ANSI[b] ?? String.fromCharCode(b)).join(''));
    }
  }
  return lines;
}

const render = async (cert = signed(), lang: CertLang = 'fr') =>
  pdfLines(
    await renderCertificatePdf(cert, readings(), {
      lang,
      verifyUrl: 'https://givre.example/verify/t/abc',
      supersededBy: null,
      productName: 'Volaille',
    }),
  );

describe('PDF certificate: each sensor judged on its own series (issue 10)', () => {
  it('names the deciding sensor, in French and in English', async () => {
    // A bold label and its value are two runs of one line.
    expect((await render()).join('')).toContain('Capteur déterminant : REAR');
    expect((await render(signed(), 'en')).join('')).toContain('Deciding sensor: REAR');
  });

  it('has a table row per sensor with its verdict, and the deciding one marked', async () => {
    const fr = await render();
    expect(fr).toEqual(expect.arrayContaining(['Résultat par capteur', 'FRONT', 'données incomplètes']));
    expect(fr).toEqual(expect.arrayContaining(['REAR (déterminant)', 'non conforme', '40 min']));
    expect(await render(signed(), 'en')).toEqual(
      expect.arrayContaining(['Result by sensor', 'REAR (deciding)', 'non-compliant', 'incomplete data']),
    );
  });

  it('puts the sensor on each excursion and each gap line', async () => {
    const text = (await render()).join('\n');
    expect(text).toContain('- REAR — dépassement : 12/03/25 09:30 -> 12/03/25 10:10, pic 9,2 °C');
    expect(text).toContain('- FRONT — 12/03/25 09:50 -> 12/03/25 10:10 (20 min)');
    expect((await render(signed(), 'en')).join('\n')).toContain(
      '- REAR — excursion: 12/03/2025, 09:30 -> 12/03/2025, 10:10, peak 9.2 °C',
    );
  });

  it('says which of the van’s records are missing and that the last ones are awaited', async () => {
    expect((await render()).join('\n')).toContain(
      'relevés manquants : n° 120–123, 130 ; en attente des derniers relevés du véhicule',
    );
    expect((await render(signed(), 'en')).join('\n')).toContain('waiting for the van’s last records');
  });

  it('names each sensor of the chart in its legend, with the limit', async () => {
    expect(await render()).toEqual(expect.arrayContaining(['FRONT', 'REAR (déterminant)', 'limite 4,0 °C']));
  });

  it('renders a certificate signed before sensors were judged apart, without the facts it lacks', async () => {
    const text = (await render(legacySigned())).join('\n');
    expect(text).toContain('NON CONFORME');
    expect(text).not.toContain('Capteur déterminant');
    expect(text).not.toContain('Résultat par capteur');
    expect(text).toContain('- dépassement : 12/03/25 09:30');
  });
});
