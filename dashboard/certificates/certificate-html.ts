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

function chartSvg(readings: readonly Reading[], signed: SignedCertificate, lang: CertLang): string {
  const box = { x: 50, y: 10, width: 640, height: 220 };
  const g = chartGeometry(readings, signed.certificate.report, box);
  const pts = (line: Array<[number, number]>) =>
    line.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  const parts = [
    `<svg class="chart" viewBox="0 0 700 260" role="img" aria-label="${esc(CERT_TEXT[lang].chart)}" data-testid="chart">`,
    `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" fill="none" stroke="#999"/>`,
    ...g.yTicks.map(
      (t) =>
        `<line x1="${box.x}" x2="${box.x + box.width}" y1="${t.y.toFixed(1)}" y2="${t.y.toFixed(1)}" stroke="#e3e3e3"/>` +
        `<text x="${box.x - 6}" y="${(t.y + 4).toFixed(1)}" text-anchor="end" font-size="11">${t.celsius}</text>`,
    ),
    ...g.xTicks.map(
      (t) =>
        `<text x="${t.x.toFixed(1)}" y="${box.y + box.height + 16}" text-anchor="middle" font-size="10">${esc(formatInstant(t.ts, lang))}</text>`,
    ),
    ...g.lines.map((l) => `<polyline points="${pts(l)}" fill="none" stroke="#0b5fa5" stroke-width="1.5"/>`),
  ];
  if (g.limitY !== null)
    parts.push(
      `<line data-testid="limit-line" x1="${box.x}" x2="${box.x + box.width}" y1="${g.limitY.toFixed(1)}" y2="${g.limitY.toFixed(1)}" stroke="#c62828" stroke-width="1.5" stroke-dasharray="6 4"/>`,
    );
  parts.push('</svg>');
  return parts.join('');
}

const row = (label: string, value: string) => `<tr><th>${esc(label)}</th><td>${value}</td></tr>`;

/** The printable certificate (HTML, FR or EN), with its chart and a QR code to `/verify/{id}`. */
export async function renderCertificateHtml(
  signed: SignedCertificate,
  readings: readonly Reading[],
  opts: { lang: CertLang; verifyUrl: string; supersededBy: string | null; productName: string },
): Promise<string> {
  const t = CERT_TEXT[opts.lang];
  const c = signed.certificate;
  const r = c.report;
  const l = c.load;
  const f = (ms: number) => esc(formatInstant(ms, opts.lang));
  const deg = (v: number | null) => esc(formatCelsius(v, opts.lang));
  const qr = await QRCode.toString(opts.verifyUrl, { type: 'svg', margin: 1, width: 120 });
  const rec = l.reception;
  const reception = rec
    ? `${esc(rec.accepted ? t.accepted : t.refused)}${rec.probeCelsius !== undefined ? ` — ${esc(t.probe)} ${deg(rec.probeCelsius)}` : ''}${rec.reason ? ` — ${esc(rec.reason)}` : ''}${rec.by ? ` (${esc(rec.by)})` : ''}`
    : esc(t.noReception);
  const list = (items: string[]) =>
    items.length ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : esc(t.none);
  const excursions = r.excursions.map(
    (x) =>
      `${esc(t.kinds[x.kind])} : ${f(x.start)} → ${f(x.end)}${x.openAtDelivery ? ` (${esc(t.stillOpen)})` : ''}, ${esc(t.peak)} ${deg(x.peak)}`,
  );
  const gaps = r.gaps.map((g) => `${f(g.from)} → ${f(g.to)} (${esc(formatDuration(g.durationMs))})`);
  const lost = c.gapsDeclaredLost;
  const alerts = r.alerts.map(
    (a) =>
      `${esc(a.kind)} (${esc(a.severity)}) ${f(a.startedAt)}${a.resolvedAt ? ` → ${f(a.resolvedAt)}` : ''}${a.acknowledgement ? ` — ${esc(t.ack)} ${esc(a.acknowledgement.by)}, ${f(a.acknowledgement.at)}, ${esc(a.acknowledgement.reason)}${a.acknowledgement.text ? ` : ${esc(a.acknowledgement.text)}` : ''}` : ''}`,
  );
  return `<!doctype html>
<html lang="${opts.lang}"><head><meta charset="utf-8"><title>${esc(t.title)} — ${esc(c.id)}</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/certificate.css"></head>
<body class="cert"><main>
<header><h1>${esc(t.title)}</h1><p class="id">${esc(c.id)} · ${esc(t.version)} ${c.version}</p></header>
<p class="verdict verdict--${r.verdict}" data-testid="verdict" data-verdict="${r.verdict}">${esc(t.verdicts[r.verdict])}</p>
${c.provisional ? `<p class="notice" data-testid="provisional">${esc(t.provisional)}</p>` : ''}
${lost ? `<p class="notice" data-testid="gaps-lost">${esc(t.gapsLost)} : ${esc(lost.by)}, ${f(lost.at)} — ${esc(lost.reason)}</p>` : ''}
${opts.supersededBy ? `<p class="notice" data-testid="superseded">${esc(t.superseded)} : ${esc(opts.supersededBy)}</p>` : ''}
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
${row(t.recorder, `${esc(r.recorder.van)}: ${esc(r.recorder.sensors.join(', ') || '—')}`)}
${row(t.interval, `${esc(t.observed)} ${r.recordingInterval.observedMs === null ? '—' : esc(formatDuration(r.recordingInterval.observedMs))}; ${esc(t.allowed)} ${esc(formatDuration(r.recordingInterval.maxAllowedMs))}`)}
${row(t.stats, `${deg(r.temperature.min)} / ${deg(r.temperature.max)} / ${deg(r.temperature.mean)}`)}
${row(t.mkt, deg(r.temperature.mkt))}
${row(t.above, esc(formatDuration(r.timeAboveLimitMs)))}
${row(t.excursions, list(excursions))}
${row(t.doors, `${r.doors.count} ${esc(t.times)}, ${esc(formatDuration(r.doors.totalOpenMs))}`)}
${row(t.gaps, list(gaps))}
${row(t.alerts, list(alerts))}
${row(t.reception, reception)}
</table>
<p class="measured">${esc(t.measured)}</p>
${chartSvg(readings, signed, opts.lang)}
<footer><div class="qr" data-testid="qr">${qr}</div>
<p>${esc(t.issued)} ${f(c.issuedAt)} — ${esc(c.issuer)}<br>${esc(t.signature)} ${esc(signed.signature.keyId)}<br>
${esc(t.verify)} : <a href="${esc(opts.verifyUrl)}">${esc(opts.verifyUrl)}</a></p></footer>
</main></body></html>`;
}
