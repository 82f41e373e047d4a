import { describe, expect, it } from 'vitest';
import { renderCertificateHtml } from './certificate-html.ts';
import { legacySigned, readings, signed, visibleText } from './certificate-test-kit.ts';
import type { CertLang } from './certificate-text.ts';

const render = (cert = signed(), lang: CertLang = 'fr') =>
  renderCertificateHtml(cert, readings(), {
    lang,
    verifyUrl: 'https://givre.example/verify/t/abc',
    supersededBy: null,
    productName: 'Volaille',
  });

/** The cells of the table `testId`, one array per body row, as a reader sees them. */
const rowsOf = (html: string, testId: string) => {
  const table =
    html.match(new RegExp(`<table class="grid" data-testid="${testId}">(.*?)</table>`))?.[1] ?? '';
  return [...table.matchAll(/<tbody>(.*?)<\/tbody>/g)]
    .flatMap((b) => [...b[1]!.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)])
    .map((r) => [...r[1]!.matchAll(/<td>(.*?)<\/td>/g)].map((c) => visibleText(c[1]!).trim()));
};

describe('HTML certificate: each sensor judged on its own series (issue 10)', () => {
  it('names the deciding sensor, in French and in English', async () => {
    expect(visibleText(await render())).toContain('Capteur déterminant : REAR');
    expect(visibleText(await render(signed(), 'en'))).toContain('Deciding sensor: REAR');
  });

  it('has a row per sensor: verdict, min/max/mean, time above the limit, interval, gaps', async () => {
    expect(rowsOf(await render(), 'sensors')).toEqual([
      ['FRONT', 'données incomplètes', '2,1 °C / 4,0 °C / 3,1 °C', '0 min', '5 min', '1'],
      ['REAR (déterminant)', 'non conforme', '2,5 °C / 9,2 °C / 5,4 °C', '40 min', '5 min', '0'],
    ]);
    const en = await render(signed(), 'en');
    expect(visibleText(en)).toContain('Result by sensor');
    expect(rowsOf(en, 'sensors').map((r) => r.slice(0, 2))).toEqual([
      ['FRONT', 'incomplete data'],
      ['REAR (deciding)', 'non-compliant'],
    ]);
  });

  it('puts the sensor on each excursion and each gap', async () => {
    const fr = await render();
    expect(rowsOf(fr, 'excursions')).toEqual([
      ['REAR', 'dépassement', '12/03/25 09:30', '12/03/25 10:10', '9,2 °C'],
    ]);
    expect(rowsOf(fr, 'gaps')).toEqual([['FRONT', '12/03/25 09:50', '12/03/25 10:10', '20 min']]);
    expect(visibleText(fr)).toMatch(/Capteur Nature Début Fin Pic/);
    expect(visibleText(await render(signed(), 'en'))).toMatch(/Sensor Kind Start End Peak/);
  });

  it('says which of the van’s records are missing and that the last ones are awaited', async () => {
    expect(visibleText(await render())).toContain(
      'Relevés numérotés du véhicule relevés manquants : n° 120–123, 130 ; en attente des derniers relevés du véhicule',
    );
    expect(visibleText(await render(signed(), 'en'))).toContain(
      'missing records: nos. 120–123, 130; waiting for the van’s last records',
    );
    const done = signed();
    done.certificate.report.records = { complete: true, tailReceived: true, missing: [] };
    expect(visibleText(await render(done))).toContain(
      'complets : tous les relevés du véhicule, de l’enlèvement à la livraison, sont présents',
    );
  });

  it('says which sensor the compartment-wide figures are, with several', async () => {
    const fr = visibleText(await render());
    expect(fr).toContain('Temps au-dessus de la limite (le plus long d’un capteur) 40 min');
    expect(fr).toContain('Min / max / moyenne (tous capteurs confondus)');
    expect(fr).toContain('observé 5 min (capteur REAR)');
  });

  it('never shows a verdict code to a reader', async () => {
    expect(visibleText(await render())).not.toMatch(/non-compliant|incomplete\b/);
  });

  it('draws one line per sensor, each with its own dash pattern, named in the legend', async () => {
    const html = await render();
    const dashOf = (sensor: string) =>
      html.match(new RegExp(`<polyline data-sensor="${sensor}"[^>]*?(stroke-dasharray="[^"]*")?>`))?.[1] ??
      'solid';
    expect(dashOf('FRONT')).not.toBe(dashOf('REAR'));
    // FRONT's gap breaks its line; REAR's is whole.
    expect(html.match(/<polyline data-sensor="FRONT"/g)).toHaveLength(2);
    expect(html.match(/<polyline data-sensor="REAR"/g)).toHaveLength(1);
    const legend = [...html.matchAll(/<g data-testid="legend-item">(.*?)<\/g>/g)].map((m) =>
      visibleText(m[1]!).trim(),
    );
    expect(legend).toEqual(['FRONT', 'REAR (déterminant)', 'limite 4,0 °C']);
  });

  it('renders a certificate signed before sensors were judged apart, without the facts it lacks', async () => {
    const html = await render(legacySigned());
    const text = visibleText(html);
    expect(text).toContain('NON CONFORME');
    expect(text).not.toContain('Capteur déterminant');
    expect(html).not.toContain('data-testid="sensors"');
    expect(html).not.toContain('data-testid="records"');
    expect(rowsOf(html, 'excursions')[0]?.[0]).toBe('—');
    expect(rowsOf(html, 'gaps')[0]?.[0]).toBe('—');
    expect(html.match(/<polyline data-sensor="FRONT"/g)).toHaveLength(2);
  });

  it('adds no inline script or style (the CSP forbids them)', async () => {
    const html = await render();
    expect(html).not.toMatch(/<script|<style|\sstyle=/);
  });
});
