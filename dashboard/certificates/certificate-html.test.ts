import { describe, expect, it } from 'vitest';
import { renderCertificateHtml } from './certificate-html.ts';
import {
  issuedWithAlert,
  legacySigned,
  RAW_CODES,
  RAW_CODES_FR,
  readings,
  signed,
  visibleText,
} from './certificate-test-kit.ts';
import type { Lang } from '../text/lang.ts';

const render = (cert = signed(), lang: Lang = 'fr') =>
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
      ['REAR', 'dépassement', '12/03/2025 09:30 UTC+1', '12/03/2025 10:10 UTC+1', '9,2 °C'],
    ]);
    expect(rowsOf(fr, 'gaps')).toEqual([
      ['FRONT', '12/03/2025 09:50 UTC+1', '12/03/2025 10:10 UTC+1', '20 min'],
    ]);
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
    const legend = [...html.matchAll(/<li data-testid="legend-item">(.*?)<\/li>/g)].map((m) =>
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

describe('HTML certificate people can read (issue 12)', () => {
  it('fits a phone’s width: a viewport, and wide tables scroll in their own box', async () => {
    const html = await render();
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    for (const id of ['sensors', 'excursions', 'gaps'])
      expect(html).toContain(`<div class="scroll"><table class="grid" data-testid="${id}">`);
  });

  it('names the issuing organisation and its address', async () => {
    const html = await render(issuedWithAlert());
    const issuer = visibleText(html.match(/<p class="issuer"[^>]*>(.*?)<\/p>/)?.[1] ?? '');
    expect(issuer).toBe('Émis par : SOREAL asbl Rue de la Croix-Rouge 1, 7000 Mons');
    expect(visibleText(html)).toContain('— SOREAL asbl, Rue de la Croix-Rouge 1, 7000 Mons');
    expect(visibleText(await render(issuedWithAlert(), 'en'))).toContain(
      'Issued by: SOREAL asbl Rue de la Croix-Rouge 1, 7000 Mons',
    );
  });

  it('labels the limit line on the chart and keeps the first and last times inside it', async () => {
    const html = await render();
    expect(visibleText(html.match(/<text data-testid="limit-label"[^>]*>.*?<\/text>/)?.[0] ?? '')).toContain(
      'limite 4,0 °C',
    );
    const ticks = [...html.matchAll(/<text x="([\d.]+)%"[^>]*text-anchor="(\w+)"[^>]*>([^<]*)<\/text>/g)];
    expect(ticks.map((m) => [m[1], m[2], m[3]])).toEqual([
      ['0.00', 'start', '09:00'],
      ['25.00', 'middle', '09:30'],
      ['50.00', 'middle', '10:00'],
      ['75.00', 'middle', '10:30'],
      ['100.00', 'end', '11:00'],
    ]);
    expect(visibleText(html)).toContain('Heures de Bruxelles (UTC+1)');
  });

  it('gives every time in Brussels, 24 h, with its zone', async () => {
    expect(visibleText(await render())).toContain('Période 12/03/2025 09:00 UTC+1 → 12/03/2025 11:00 UTC+1');
    const summer = signed();
    summer.certificate.load.pickedUpAt = Date.UTC(2025, 6, 1, 12, 5);
    expect(visibleText(await render(summer, 'en'))).toContain('Pickup 01/07/2025, 14:05 CEST');
  });

  it('prints alerts, reasons and the compartment in words, never their codes', async () => {
    const fr = visibleText(await render(issuedWithAlert()));
    expect(fr).toContain(
      'dépassement prolongé (critique) : 12/03/2025 09:45 UTC+1 → 12/03/2025 10:15 UTC+1 ; acquittée par Marie, 12/03/2025 09:50 UTC+1, panne du groupe froid : groupe relancé',
    );
    expect(fr).toContain('porte ouverte trop longtemps (avertissement)');
    expect(fr).toContain('non acquittée');
    expect(fr).toContain('VAN-07 / réfrigéré');
    const en = visibleText(await render(issuedWithAlert(), 'en'));
    expect(en).toContain('above the limit for too long (critical): 12/03/2025, 09:45 CET');
    expect(en).toContain('refrigeration unit fault: groupe relancé');
    for (const code of RAW_CODES_FR) expect(fr).not.toMatch(code);
    for (const code of RAW_CODES) expect(en).not.toMatch(code);
  });

  it('says who acknowledged from the van’s cab in words, and counts doors in words', async () => {
    const cert = issuedWithAlert();
    cert.certificate.report.alerts[0]!.acknowledgement!.by = 'cab:VAN-07';
    cert.certificate.report.doors.count = 1;
    const fr = visibleText(await render(cert));
    expect(fr).toContain('acquittée par l’écran de cabine de VAN-07,');
    expect(fr).toContain('Ouvertures de porte 1 fois, 2 min');
    const en = visibleText(await render(cert, 'en'));
    expect(en).toContain('acknowledged by VAN-07’s in-cab display,');
    expect(en).toContain('Door openings once, 2 min');
    expect(fr + en).not.toContain('cab:');
  });

  it('gives an interval under a minute in seconds', async () => {
    const fr = visibleText(await render(issuedWithAlert()));
    expect(fr).toContain('observé 30 s (capteur REAR)');
    expect(fr).not.toContain('0 min (capteur');
  });
});
