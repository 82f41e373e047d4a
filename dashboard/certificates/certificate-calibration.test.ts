import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { CertifiedCalibration, SignedCertificate } from '../../core/certificates/certificate.ts';
import type { Lang } from '../text/lang.ts';
import { renderCertificateHtml } from './certificate-html.ts';
import { renderCertificatePdf } from './certificate-pdf.ts';
import { readings, signed, visibleText } from './certificate-test-kit.ts';

const dir = mkdtempSync(join(tmpdir(), 'givre-cal-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const opts = (lang: Lang) => ({
  lang,
  verifyUrl: 'https://givre.example/verify/t/abc',
  supersededBy: null,
  productName: 'Volaille',
});

/** The test kit's load runs on 12 March 2025, 08:00–10:00 UTC. */
const withCalibration = (calibration: CertifiedCalibration | undefined): SignedCertificate => {
  const cert = signed();
  if (calibration) cert.certificate.calibration = calibration;
  return cert;
};
const rec = (over: Partial<CertifiedCalibration['records'][number]> = {}) => ({
  target: 'recorder',
  verifiedOn: '2024-03-20',
  laboratory: 'Labo Étalon sprl',
  reference: 'CAL-2024-031',
  nextDueOn: '2025-03-20',
  ...over,
});

const html = async (cert: SignedCertificate, lang: Lang = 'fr') =>
  visibleText(await renderCertificateHtml(cert, readings(), opts(lang)));
async function pdf(cert: SignedCertificate, lang: Lang = 'fr'): Promise<string> {
  const file = join(dir, `c${n++}.pdf`);
  writeFileSync(file, await renderCertificatePdf(cert, readings(), opts(lang)));
  const { stdout } = await promisify(execFile)('pdftotext', ['-enc', 'UTF-8', file, '-']);
  return stdout.replace(/\s+/g, ' ');
}

describe('certificate: recorder evidence (issue 16, EN 13486)', () => {
  it('prints each record in force: what, when, laboratory or method, reference, next due — in HTML and PDF', async () => {
    const cert = withCalibration({
      records: [
        rec(),
        rec({ target: 'T1', laboratory: 'Comparaison au thermomètre de référence', reference: 'VI-7' }),
      ],
    });
    const h = await html(cert);
    expect(h).toContain('Étalonnage de l’enregistreur (EN 13486)');
    expect(h).toContain('enregistreur 20 mars 2024 Labo Étalon sprl CAL-2024-031 20 mars 2025');
    expect(h).toContain('sonde T1 20 mars 2024 Comparaison au thermomètre de référence VI-7 20 mars 2025');
    expect(h).not.toContain('échu');
    const p = await pdf(cert);
    expect(p).toContain('Étalonnage de l’enregistreur (EN 13486)');
    expect(p).toContain('CAL-2024-031');
    expect(p).not.toContain('échu');
    expect(await html(cert, 'en')).toContain(
      'recorder 20 March 2024 Labo Étalon sprl CAL-2024-031 20 March 2025',
    );
  });

  it('says plainly when the recorder’s calibration was overdue during the load', async () => {
    const cert = withCalibration({
      records: [rec({ nextDueOn: '2025-03-03' }), rec({ target: 'T2', nextDueOn: '2025-03-11' })],
    });
    for (const text of [await html(cert), await pdf(cert)]) {
      expect(text).toContain('Étalonnage de l’enregistreur échu depuis le 3 mars 2025');
      expect(text).toContain('Étalonnage de la sonde T2 échu depuis le 11 mars 2025');
    }
    expect(await html(cert, 'en')).toContain('Calibration of the recorder overdue since 3 March 2025');
  });

  it('on the due day itself the calibration still holds: nothing overdue is printed', async () => {
    expect(await html(withCalibration({ records: [rec({ nextDueOn: '2025-03-12' })] }))).not.toContain(
      'échu',
    );
  });

  it('says so when none is on record', async () => {
    const cert = withCalibration({ records: [] });
    expect(await html(cert)).toContain(
      'Aucun étalonnage de l’enregistreur n’est enregistré pour ce véhicule.',
    );
    expect(await pdf(cert)).toContain(
      'Aucun étalonnage de l’enregistreur n’est enregistré pour ce véhicule.',
    );
  });

  it('shows nothing of it on a certificate signed before it carried any', async () => {
    const cert = withCalibration(undefined);
    expect(await html(cert)).not.toContain('Étalonnage');
    expect(await pdf(cert)).not.toContain('Étalonnage');
  });

  it('escapes what an admin typed', async () => {
    const out = await renderCertificateHtml(
      withCalibration({ records: [rec({ laboratory: '<script>x</script>' })] }),
      readings(),
      opts('fr'),
    );
    expect(out).not.toContain('<script>x');
    expect(out).toContain('&lt;script&gt;x');
  });
});
