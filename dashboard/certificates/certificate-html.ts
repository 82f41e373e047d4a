import QRCode from 'qrcode';
import type { SignedCertificate } from '../../core/certificates/certificate.ts';
import type { Reading } from '../../core/readings.ts';
import { sameBrusselsDay } from '../text/brussels-day.ts';
import { TEXT } from '../text/catalogue.ts';
import { actorName } from '../text/code-words.ts';
import { formatDuration, formatInstant, formatTick, zoneName } from '../text/format.ts';
import type { Lang } from '../text/lang.ts';
import {
  alertLine,
  celsius,
  compartmentLabels,
  decidingText,
  doorsText,
  excursionCells,
  gapCells,
  intervalText,
  issuerLines,
  limitText,
  recordsText,
  sensorRows,
  vanText,
  verdictHeadline,
} from './certificate-facts.ts';
import { calibrationHtml } from './certificate-calibration.ts';
import { chartGeometry } from './temperature-chart.ts';
import { coldChainFacts } from './certificate-cold-chain.ts';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
/** Every value from a load (names, places, reasons) is escaped: they are typed by people. */
export const esc = (s: string | number) => String(s).replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** The chart's rows, px: room above the plot (its top label), the plot, the time labels. */
const CHART = { top: 16, plot: 220, ticks: 20 } as const;
/** Width of the plot's own coordinates; the plot stretches to the page's width (issue 12). */
const PLOT_UNITS = 1000;
/** A white outline behind a label, so that it stays legible where it crosses a line. */
const HALO = 'paint-order="stroke" stroke="#fff" stroke-width="3" stroke-linejoin="round"';

/**
 * The chart as SVG at the width of the page, a phone's as a desk's (issue 12): the plot is a
 * nested SVG stretched to the width (`preserveAspectRatio="none"`, strokes kept at their width
 * by `vector-effect`), and the labels are placed in px and % of the outer SVG, so their text
 * keeps its size instead of shrinking with the chart. The temperatures sit inside the plot at
 * the left of their grid lines, the first and last times align to the plot's edges, and the
 * limit line is named on the chart: nothing is clipped at either side.
 */
function chartSvg(readings: readonly Reading[], signed: SignedCertificate, lang: Lang): string {
  const t = TEXT[lang].certificate;
  const w = TEXT[lang].common;
  const r = signed.certificate.report;
  const g = chartGeometry(readings, r, { x: 0, y: 0, width: PLOT_UNITS, height: CHART.plot });
  const pts = (line: Array<[number, number]>) =>
    line.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  const dash = (d: readonly number[]) => (d.length ? ` stroke-dasharray="${d.join(' ')}"` : '');
  const keep = 'vector-effect="non-scaling-stroke"';
  const limitLabel = `${w.limit} ${celsius(r.limit.maxCelsius, lang)}`;
  const withDay = !sameBrusselsDay(r.period.from, r.period.to);
  const height = CHART.top + CHART.plot + CHART.ticks;
  const plot = [
    `<svg x="0" y="${CHART.top}" width="100%" height="${CHART.plot}" viewBox="0 0 ${PLOT_UNITS} ${CHART.plot}" preserveAspectRatio="none">`,
    `<rect x="0" y="0" width="${PLOT_UNITS}" height="${CHART.plot}" fill="none" stroke="#999" ${keep}/>`,
    ...g.yTicks.map(
      (tick) =>
        `<line x1="0" x2="${PLOT_UNITS}" y1="${tick.y.toFixed(1)}" y2="${tick.y.toFixed(1)}" stroke="#e3e3e3" ${keep}/>`,
    ),
    ...g.series.flatMap((s) =>
      s.lines.map(
        (l) =>
          `<polyline data-sensor="${esc(s.sensor)}" points="${pts(l)}" fill="none" stroke="${s.colour}" stroke-width="1.5" ${keep}${dash(s.dash)}><title>${esc(s.sensor)}</title></polyline>`,
      ),
    ),
    ...(g.limitY === null
      ? []
      : [
          `<line data-testid="limit-line" x1="0" x2="${PLOT_UNITS}" y1="${g.limitY.toFixed(1)}" y2="${g.limitY.toFixed(1)}" stroke="#c62828" stroke-width="2" ${keep} stroke-dasharray="6 4"/>`,
        ]),
    '</svg>',
  ];
  const labels = [
    ...g.yTicks.map(
      (tick) =>
        `<text x="4" y="${(CHART.top + tick.y - 3).toFixed(1)}" font-size="11" fill="#333" ${HALO}>${tick.celsius}</text>`,
    ),
    ...g.xTicks.map((tick, i, all) => {
      const anchor = i === 0 ? 'start' : i === all.length - 1 ? 'end' : 'middle';
      return `<text x="${((tick.x / PLOT_UNITS) * 100).toFixed(2)}%" y="${CHART.top + CHART.plot + 15}" text-anchor="${anchor}" font-size="11">${esc(formatTick(tick.ts, lang, withDay))}</text>`;
    }),
  ];
  if (g.limitY !== null) {
    // Above its line, or under it when the line runs along the top of the plot.
    const y = CHART.top + g.limitY + (g.limitY < 14 ? 13 : -5);
    labels.push(
      `<text data-testid="limit-label" x="100%" dx="-6" y="${y.toFixed(1)}" text-anchor="end" font-size="12" font-weight="700" fill="#b71c1c" ${HALO}>${esc(limitLabel)}</text>`,
    );
  }
  // Each line is told apart by its dash pattern, named in the legend, not by colour alone.
  const swatch = (stroke: string) =>
    `<svg width="28" height="8" aria-hidden="true"><line x1="0" x2="28" y1="4" y2="4" ${stroke}/></svg>`;
  const legend = [
    ...g.series.map((s) => ({
      label: s.deciding ? `${s.sensor} (${t.decidingMark})` : s.sensor,
      stroke: `stroke="${s.colour}" stroke-width="1.5"${dash(s.dash)}`,
    })),
    ...(g.limitY === null
      ? []
      : [{ label: limitLabel, stroke: 'stroke="#c62828" stroke-width="2" stroke-dasharray="6 4"' }]),
  ];
  return `<figure class="chart-box">
<svg class="chart" width="100%" height="${height}" role="img" aria-label="${esc(t.chart)}" data-testid="chart">${plot.join('')}${labels.join('')}</svg>
<ul class="legend">${legend.map((item) => `<li data-testid="legend-item">${swatch(item.stroke)}${esc(item.label)}</li>`).join('')}</ul>
<figcaption>${esc(t.chart)} — ${esc(t.times24)} (${esc(zoneName(r.period.from, lang))})</figcaption>
</figure>`;
}

const row = (label: string, value: string, testId?: string) =>
  `<tr${testId ? ` data-testid="${testId}"` : ''}><th>${esc(label)}</th><td>${value}</td></tr>`;

/** A table with a header row: every cell is plain text, escaped here. */
function grid(testId: string, head: string[], rows: Array<{ cells: string[]; attrs?: string }>): string {
  const th = head.map((h) => `<th scope="col">${esc(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr${r.attrs ?? ''}>${r.cells.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('');
  // On a phone a wide table scrolls inside its own box, never the page (issue 12).
  return `<div class="scroll"><table class="grid" data-testid="${testId}"><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/** Each sensor judged on its own series (issue 10); nothing on a certificate signed before. */
function sensorTable(signed: SignedCertificate, lang: Lang): string {
  const t = TEXT[lang].certificate;
  const rows = sensorRows(signed.certificate.report, lang);
  if (!rows || rows.length === 0) return '';
  return `<h2>${esc(t.bySensor)}</h2>
${grid(
  'sensors',
  [t.sensor, t.verdict, t.stats, t.above, t.interval, t.gapCount],
  rows.map((s) => ({
    cells: [s.label, s.verdictText, s.stats, s.above, s.interval, s.gaps],
    attrs: ` data-testid="sensor-row" data-sensor="${esc(s.sensor)}" data-verdict="${s.verdict}"${s.deciding ? ' class="deciding"' : ''}`,
  })),
)}`;
}

/**
 * Time out of cold with its parts and the budget's verdict, and what the charity may do with
 * the load (issue 16); nothing on a certificate signed before.
 */
function coldChainSection(signed: SignedCertificate, lang: Lang): string {
  const facts = coldChainFacts(signed.certificate, lang);
  if (!facts) return '';
  const t = TEXT[lang].coldChain;
  const w = TEXT[lang].common;
  const x = facts.timeOutOfCold;
  const d = facts.disposition;
  const disposition = d
    ? `<p class="disposition disposition--${d.disposition}" data-testid="disposition" data-disposition="${d.disposition}"><strong>${esc(d.name)}</strong></p>
<p data-testid="disposition-reason">${esc(d.reason)}</p>
${d.freezeOn ? `<p class="notice" data-testid="freeze-on">${esc(d.freezeOn)}</p>` : ''}
<p class="rule" data-testid="disposition-rule">${esc(d.rule)}${esc(w.colon)}${esc(d.source)}</p>`
    : `<p data-testid="no-disposition">${esc(t.noDisposition)}</p>`;
  return `<section class="cold-chain" data-testid="cold-chain">
<h2>${esc(t.timeOutOfCold)}</h2>
${x.standing === 'over' ? `<p class="notice" data-testid="time-out-of-cold-over">${esc(t.overWarning)}</p>` : ''}
<table class="facts">
${facts.marking !== undefined ? row(t.markingTitle, esc(facts.marking), 'marking') : ''}
${x.parts.map((p) => row(p.label, esc(p.value), `time-out-of-cold-${p.part}`)).join('\n')}
<tr data-testid="time-out-of-cold" data-standing="${x.standing}"><th>${esc(t.timeOutOfCold)}</th><td><strong>${esc(x.total)}</strong> — ${esc(x.standingText)}</td></tr>
${row(t.budgetSource, esc(x.budgetSource))}
</table>
<h2>${esc(t.disposition)}</h2>
${disposition}
</section>`;
}

/** The printable certificate (HTML, FR or EN), with its chart and a QR code to `/verify/{id}`. */
export async function renderCertificateHtml(
  signed: SignedCertificate,
  readings: readonly Reading[],
  opts: { lang: Lang; verifyUrl: string; supersededBy: string | null; productName: string },
): Promise<string> {
  const t = TEXT[opts.lang].certificate;
  const w = TEXT[opts.lang].common;
  const lang = opts.lang;
  const c = signed.certificate;
  const r = c.report;
  const l = c.load;
  const f = (ms: number) => esc(formatInstant(ms, lang));
  const deg = (v: number | null) => esc(celsius(v, lang));
  const qr = await QRCode.toString(opts.verifyUrl, { type: 'svg', margin: 1, width: 120 });
  const rec = l.reception;
  const reception = rec
    ? `${esc(rec.accepted ? t.accepted : t.refused)}${rec.probeCelsius !== undefined ? ` — ${esc(t.probe)} ${deg(rec.probeCelsius)}` : ''}${rec.reason ? ` — ${esc(rec.reason)}` : ''}${rec.by ? ` (${esc(actorName(rec.by, lang))})` : ''}`
    : esc(t.noReception);
  const list = (items: string[]) =>
    items.length ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : esc(t.none);
  const excursions = r.excursions.length
    ? grid(
        'excursions',
        [t.sensor, t.kind, t.start, t.end, t.peakColumn],
        r.excursions.map((x) => {
          const cells = excursionCells(x, lang);
          return {
            cells: [cells.sensor, cells.kind, cells.start, cells.end, cells.peak],
            attrs: ' data-testid="excursion"',
          };
        }),
      )
    : esc(t.none);
  const gaps = r.gaps.length
    ? grid(
        'gaps',
        [t.sensor, t.start, t.end, t.duration],
        r.gaps.map((g) => {
          const cells = gapCells(g, lang);
          return {
            cells: [cells.sensor, cells.start, cells.end, cells.duration],
            attrs: ' data-testid="gap"',
          };
        }),
      )
    : esc(t.none);
  const lost = c.gapsDeclaredLost;
  const alerts = r.alerts.map((a) => esc(alertLine(a, lang)));
  const deciding = decidingText(r, lang);
  const records = recordsText(r, lang);
  const labels = compartmentLabels(r, lang);
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(t.title)} — ${esc(c.id)}</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/certificate.css"></head>
<body class="cert"><main>
<header><h1>${esc(t.title)}</h1><p class="id">${esc(c.id)} · ${esc(t.version)} ${c.version}</p>
<p class="issuer" data-testid="issuer">${esc(t.issuer)}${esc(w.colon)}${issuerLines(c).map(esc).join('<br>')}</p></header>
<p class="verdict verdict--${r.verdict}" data-testid="verdict" data-verdict="${r.verdict}">${esc(verdictHeadline(r.verdict, lang))}</p>
${deciding !== undefined ? `<p class="deciding" data-testid="deciding-sensor">${esc(t.deciding)}${esc(w.colon)}${esc(deciding)}</p>` : ''}
${c.provisional ? `<p class="notice" data-testid="provisional">${esc(t.provisional)}</p>` : ''}
${lost ? `<p class="notice" data-testid="gaps-lost">${esc(t.gapsLost)}${esc(w.colon)}${esc(lost.by)}, ${f(lost.at)} — ${esc(lost.reason)}</p>` : ''}
${opts.supersededBy ? `<p class="notice" data-testid="superseded">${esc(t.superseded)}${esc(w.colon)}${esc(opts.supersededBy)}</p>` : ''}
<table class="facts">
${row(t.load, `${esc(l.id)} — ${esc(opts.productName)}`)}
${row(t.weight, `${esc(l.weightKg)} kg`)}
${row(t.donor, `${esc(l.donor.name)}, ${esc(l.donor.place)}`)}
${row(t.pickup, f(l.pickedUpAt))}
${row(t.recipient, esc(l.recipient.name))}
${row(t.delivery, f(l.deliveredAt))}
${row(t.van, esc(vanText(l.van, l.compartment, lang)))}
${row(t.limit, esc(limitText(r, lang)))}
${row(t.source, esc(r.limit.legalSource))}
${row(t.rules, esc(r.ruleSetVersion))}
${row(t.period, `${f(r.period.from)} → ${f(r.period.to)} (${esc(formatDuration(r.period.durationMs))})`)}
${row(t.recorder, `${esc(r.recorder.van)}${esc(w.colon)}${esc(r.recorder.sensors.join(', ') || '—')}`)}
${records !== undefined ? row(t.records, esc(records), 'records') : ''}
${row(t.interval, esc(intervalText(r, lang)))}
${row(labels.stats, `${deg(r.temperature.min)} / ${deg(r.temperature.max)} / ${deg(r.temperature.mean)}`)}
${row(t.mkt, deg(r.temperature.mkt))}
${row(labels.above, esc(formatDuration(r.timeAboveLimitMs)))}
${row(t.excursions, excursions)}
${row(t.doors, esc(doorsText(r, lang)))}
${row(t.gaps, gaps)}
${row(t.alerts, list(alerts))}
${row(t.reception, reception)}
</table>
${coldChainSection(signed, lang)}
${sensorTable(signed, lang)}
${calibrationHtml(c, lang, esc)}
<p class="measured">${esc(t.measured)}</p>
${chartSvg(readings, signed, lang)}
<footer><div class="qr" data-testid="qr">${qr}</div>
<p>${esc(t.issued)} ${f(c.issuedAt)} — ${issuerLines(c).map(esc).join(', ')}<br>${esc(t.signature)} ${esc(signed.signature.keyId)}<br>
${esc(t.verify)}${esc(w.colon)}<a href="${esc(opts.verifyUrl)}">${esc(opts.verifyUrl)}</a></p></footer>
</main></body></html>`;
}
