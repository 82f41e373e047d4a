import QRCode from 'qrcode';
import type { SignedCertificate } from '../../core/certificates/certificate.ts';
import type { Reading } from '../../core/readings.ts';
import {
  CERT_TEXT,
  formatCelsius,
  formatDuration,
  formatInstant,
  type CertLang,
} from './certificate-text.ts';
import {
  compartmentLabels,
  decidingText,
  excursionCells,
  gapCells,
  intervalText,
  recordsText,
  sensorRows,
} from './certificate-facts.ts';
import { chartGeometry } from './temperature-chart.ts';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
/** Every value from a load (names, places, reasons) is escaped: they are typed by people. */
export const esc = (s: string | number) => String(s).replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Legend entries per row, and their width and height (SVG px). */
const LEGEND = { perRow: 3, width: 210, height: 18 } as const;

function chartSvg(readings: readonly Reading[], signed: SignedCertificate, lang: CertLang): string {
  const t = CERT_TEXT[lang];
  const r = signed.certificate.report;
  const box = { x: 50, y: 10, width: 640, height: 220 };
  const g = chartGeometry(readings, r, box);
  const pts = (line: Array<[number, number]>) =>
    line.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  const dash = (d: readonly number[]) => (d.length ? ` stroke-dasharray="${d.join(' ')}"` : '');
  // Each line is told apart by its dash pattern, named in the legend, not by colour alone.
  const legend = [
    ...g.series.map((s) => ({
      label: s.deciding ? `${s.sensor} (${t.decidingMark})` : s.sensor,
      stroke: `stroke="${s.colour}" stroke-width="1.5"${dash(s.dash)}`,
    })),
    ...(g.limitY === null
      ? []
      : [
          {
            label: `${t.limitLegend} ${formatCelsius(r.limit.maxCelsius, lang)}`,
            stroke: 'stroke="#c62828" stroke-width="1.5" stroke-dasharray="6 4"',
          },
        ]),
  ];
  const legendTop = box.y + box.height + 34;
  const height = legendTop + Math.ceil(legend.length / LEGEND.perRow) * LEGEND.height + 4;
  const parts = [
    `<svg class="chart" viewBox="0 0 700 ${height}" role="img" aria-label="${esc(t.chart)}" data-testid="chart">`,
    `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" fill="none" stroke="#999"/>`,
    ...g.yTicks.map(
      (tick) =>
        `<line x1="${box.x}" x2="${box.x + box.width}" y1="${tick.y.toFixed(1)}" y2="${tick.y.toFixed(1)}" stroke="#e3e3e3"/>` +
        `<text x="${box.x - 6}" y="${(tick.y + 4).toFixed(1)}" text-anchor="end" font-size="11">${tick.celsius}</text>`,
    ),
    ...g.xTicks.map(
      (tick) =>
        `<text x="${tick.x.toFixed(1)}" y="${box.y + box.height + 16}" text-anchor="middle" font-size="10">${esc(formatInstant(tick.ts, lang))}</text>`,
    ),
    ...g.series.flatMap((s) =>
      s.lines.map(
        (l) =>
          `<polyline data-sensor="${esc(s.sensor)}" points="${pts(l)}" fill="none" stroke="${s.colour}" stroke-width="1.5"${dash(s.dash)}><title>${esc(s.sensor)}</title></polyline>`,
      ),
    ),
  ];
  if (g.limitY !== null)
    parts.push(
      `<line data-testid="limit-line" x1="${box.x}" x2="${box.x + box.width}" y1="${g.limitY.toFixed(1)}" y2="${g.limitY.toFixed(1)}" stroke="#c62828" stroke-width="1.5" stroke-dasharray="6 4"/>`,
    );
  legend.forEach((item, i) => {
    const x = box.x + (i % LEGEND.perRow) * LEGEND.width;
    const y = legendTop + Math.floor(i / LEGEND.perRow) * LEGEND.height;
    parts.push(
      `<g data-testid="legend-item"><line x1="${x}" x2="${x + 28}" y1="${y - 4}" y2="${y - 4}" ${item.stroke}/>` +
        `<text x="${x + 34}" y="${y}" font-size="11">${esc(item.label)}</text></g>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

const row = (label: string, value: string, testId?: string) =>
  `<tr${testId ? ` data-testid="${testId}"` : ''}><th>${esc(label)}</th><td>${value}</td></tr>`;

/** A table with a header row: every cell is plain text, escaped here. */
function grid(testId: string, head: string[], rows: Array<{ cells: string[]; attrs?: string }>): string {
  const th = head.map((h) => `<th scope="col">${esc(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr${r.attrs ?? ''}>${r.cells.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('');
  return `<table class="grid" data-testid="${testId}"><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

/** Each sensor judged on its own series (issue 10); nothing on a certificate signed before. */
function sensorTable(signed: SignedCertificate, lang: CertLang): string {
  const t = CERT_TEXT[lang];
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

/** The printable certificate (HTML, FR or EN), with its chart and a QR code to `/verify/{id}`. */
export async function renderCertificateHtml(
  signed: SignedCertificate,
  readings: readonly Reading[],
  opts: { lang: CertLang; verifyUrl: string; supersededBy: string | null; productName: string },
): Promise<string> {
  const t = CERT_TEXT[opts.lang];
  const lang = opts.lang;
  const c = signed.certificate;
  const r = c.report;
  const l = c.load;
  const f = (ms: number) => esc(formatInstant(ms, lang));
  const deg = (v: number | null) => esc(formatCelsius(v, lang));
  const qr = await QRCode.toString(opts.verifyUrl, { type: 'svg', margin: 1, width: 120 });
  const rec = l.reception;
  const reception = rec
    ? `${esc(rec.accepted ? t.accepted : t.refused)}${rec.probeCelsius !== undefined ? ` — ${esc(t.probe)} ${deg(rec.probeCelsius)}` : ''}${rec.reason ? ` — ${esc(rec.reason)}` : ''}${rec.by ? ` (${esc(rec.by)})` : ''}`
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
  const alerts = r.alerts.map(
    (a) =>
      `${esc(a.kind)} (${esc(a.severity)}) ${f(a.startedAt)}${a.resolvedAt ? ` → ${f(a.resolvedAt)}` : ''}${a.acknowledgement ? ` — ${esc(t.ack)} ${esc(a.acknowledgement.by)}, ${f(a.acknowledgement.at)}, ${esc(a.acknowledgement.reason)}${a.acknowledgement.text ? `${t.colon}${esc(a.acknowledgement.text)}` : ''}` : ''}`,
  );
  const deciding = decidingText(r, lang);
  const records = recordsText(r, lang);
  const labels = compartmentLabels(r, lang);
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${esc(t.title)} — ${esc(c.id)}</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/certificate.css"></head>
<body class="cert"><main>
<header><h1>${esc(t.title)}</h1><p class="id">${esc(c.id)} · ${esc(t.version)} ${c.version}</p></header>
<p class="verdict verdict--${r.verdict}" data-testid="verdict" data-verdict="${r.verdict}">${esc(t.verdicts[r.verdict])}</p>
${deciding !== undefined ? `<p class="deciding" data-testid="deciding-sensor">${esc(t.deciding)}${esc(t.colon)}${esc(deciding)}</p>` : ''}
${c.provisional ? `<p class="notice" data-testid="provisional">${esc(t.provisional)}</p>` : ''}
${lost ? `<p class="notice" data-testid="gaps-lost">${esc(t.gapsLost)}${esc(t.colon)}${esc(lost.by)}, ${f(lost.at)} — ${esc(lost.reason)}</p>` : ''}
${opts.supersededBy ? `<p class="notice" data-testid="superseded">${esc(t.superseded)}${esc(t.colon)}${esc(opts.supersededBy)}</p>` : ''}
<table>
${row(t.load, `${esc(l.id)} — ${esc(opts.productName)}`)}
${row(t.weight, `${esc(l.weightKg)} kg`)}
${row(t.donor, `${esc(l.donor.name)}, ${esc(l.donor.place)}`)}
${row(t.pickup, f(l.pickedUpAt))}
${row(t.recipient, esc(l.recipient.name))}
${row(t.delivery, f(l.deliveredAt))}
${row(t.van, `${esc(l.van)} / ${esc(l.compartment)}`)}
${row(t.limit, `${deg(r.limit.maxCelsius)}${r.limit.toleranceCelsius !== null ? ` (${deg(r.limit.toleranceCelsius)})` : ''}`)}
${row(t.source, esc(r.limit.legalSource))}
${row(t.rules, esc(r.ruleSetVersion))}
${row(t.period, `${f(r.period.from)} → ${f(r.period.to)} (${esc(formatDuration(r.period.durationMs))})`)}
${row(t.recorder, `${esc(r.recorder.van)}${esc(t.colon)}${esc(r.recorder.sensors.join(', ') || '—')}`)}
${records !== undefined ? row(t.records, esc(records), 'records') : ''}
${row(t.interval, esc(intervalText(r, lang)))}
${row(labels.stats, `${deg(r.temperature.min)} / ${deg(r.temperature.max)} / ${deg(r.temperature.mean)}`)}
${row(t.mkt, deg(r.temperature.mkt))}
${row(labels.above, esc(formatDuration(r.timeAboveLimitMs)))}
${row(t.excursions, excursions)}
${row(t.doors, `${r.doors.count} ${esc(t.times)}, ${esc(formatDuration(r.doors.totalOpenMs))}`)}
${row(t.gaps, gaps)}
${row(t.alerts, list(alerts))}
${row(t.reception, reception)}
</table>
${sensorTable(signed, lang)}
<p class="measured">${esc(t.measured)}</p>
${chartSvg(readings, signed, lang)}
<footer><div class="qr" data-testid="qr">${qr}</div>
<p>${esc(t.issued)} ${f(c.issuedAt)} — ${esc(c.issuer)}<br>${esc(t.signature)} ${esc(signed.signature.keyId)}<br>
${esc(t.verify)}${esc(t.colon)}<a href="${esc(opts.verifyUrl)}">${esc(opts.verifyUrl)}</a></p></footer>
</main></body></html>`;
}
