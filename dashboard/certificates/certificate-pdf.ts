import PDFDocument from 'pdfkit';
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

/** PDF standard fonts speak WinAnsi only: spell out what it lacks. */
const pdfText = (s: string) =>
  s
    .replace(/→/g, '->')
    .replace(/\u2212/g, '-')
    .replace(/Δ/g, 'd')
    .replace(/[\u202f\u00a0]/g, ' ');

const VERDICT_COLOUR = { compliant: '#1b5e20', 'non-compliant': '#b71c1c', incomplete: '#8a5a00' } as const;

/** The certificate as a PDF (A4), its chart drawn as vectors with the limit line, and a QR code. */
export async function renderCertificatePdf(
  signed: SignedCertificate,
  readings: readonly Reading[],
  opts: { lang: CertLang; verifyUrl: string; supersededBy: string | null; productName: string },
): Promise<Buffer> {
  const t = CERT_TEXT[opts.lang];
  const c = signed.certificate;
  const r = c.report;
  const l = c.load;
  const f = (ms: number) => formatInstant(ms, opts.lang);
  const deg = (v: number | null) => formatCelsius(v, opts.lang, true);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 40,
    info: { Title: `${t.title} ${c.id}`, Author: c.issuer },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const line = (label: string, value: string) => {
    doc
      .font('Helvetica-Bold')
      .fontSize(9)
      .text(pdfText(`${label}: `), { continued: true });
    doc.font('Helvetica').text(pdfText(value));
  };

  doc.font('Helvetica-Bold').fontSize(16).text(pdfText(t.title));
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor('#555')
    .text(`${c.id} - ${t.version} ${c.version}`)
    .fillColor('black');
  doc
    .moveDown(0.4)
    .font('Helvetica-Bold')
    .fontSize(18)
    .fillColor(VERDICT_COLOUR[r.verdict])
    .text(pdfText(t.verdicts[r.verdict]));
  doc.fillColor('black');
  if (c.provisional) doc.font('Helvetica-Bold').fontSize(9).text(pdfText(t.provisional));
  const lost = c.gapsDeclaredLost;
  if (lost)
    doc
      .font('Helvetica-Bold')
      .fontSize(9)
      .text(pdfText(`${t.gapsLost}: ${lost.by}, ${f(lost.at)} - ${lost.reason}`));
  if (opts.supersededBy)
    doc
      .font('Helvetica-Bold')
      .fontSize(9)
      .text(pdfText(`${t.superseded}: ${opts.supersededBy}`));
  doc.moveDown(0.4);
  line(t.load, `${l.id} - ${opts.productName}, ${l.weightKg} kg`);
  line(t.donor, `${l.donor.name}, ${l.donor.place}; ${t.pickup} ${f(l.pickedUpAt)}`);
  line(t.recipient, `${l.recipient.name}; ${t.delivery} ${f(l.deliveredAt)}`);
  line(t.van, `${l.van} / ${l.compartment}`);
  line(t.limit, `${deg(r.limit.maxCelsius)} - ${r.limit.legalSource}`);
  line(t.rules, r.ruleSetVersion);
  line(t.recorder, `${r.recorder.van}: ${r.recorder.sensors.join(', ') || '-'}`);
  line(
    t.interval,
    `${t.observed} ${r.recordingInterval.observedMs === null ? '-' : formatDuration(r.recordingInterval.observedMs)}; ${t.allowed} ${formatDuration(r.recordingInterval.maxAllowedMs)}`,
  );
  line(t.stats, `${deg(r.temperature.min)} / ${deg(r.temperature.max)} / ${deg(r.temperature.mean)}`);
  line(t.mkt, deg(r.temperature.mkt));
  line(t.above, formatDuration(r.timeAboveLimitMs));
  line(
    t.excursions,
    r.excursions
      .map((x) => `${t.kinds[x.kind]} ${f(x.start)} -> ${f(x.end)}, ${t.peak} ${deg(x.peak)}`)
      .join('; ') || t.none,
  );
  line(t.doors, `${r.doors.count} ${t.times}, ${formatDuration(r.doors.totalOpenMs)}`);
  line(t.gaps, r.gaps.map((g) => `${f(g.from)} -> ${f(g.to)}`).join('; ') || t.none);
  line(
    t.alerts,
    r.alerts
      .map(
        (a) =>
          `${a.kind} ${f(a.startedAt)}${a.acknowledgement ? ` (${t.ack} ${a.acknowledgement.by}, ${a.acknowledgement.reason})` : ''}`,
      )
      .join('; ') || t.none,
  );
  const rec = l.reception;
  line(
    t.reception,
    rec
      ? `${rec.accepted ? t.accepted : t.refused}${rec.probeCelsius !== undefined ? `, ${t.probe} ${deg(rec.probeCelsius)}` : ''}${rec.reason ? ` - ${rec.reason}` : ''}`
      : t.noReception,
  );
  doc.font('Helvetica-Oblique').fontSize(8).text(pdfText(t.measured));

  // The chart, drawn as vector paths: temperature (blue), limit (red, dashed).
  const box = { x: 70, y: doc.y + 14, width: 470, height: 170 };
  const g = chartGeometry(readings, r, box);
  doc.font('Helvetica').fontSize(7).lineWidth(0.5);
  for (const tick of g.yTicks) {
    doc
      .strokeColor('#dddddd')
      .moveTo(box.x, tick.y)
      .lineTo(box.x + box.width, tick.y)
      .stroke();
    doc.fillColor('black').text(String(tick.celsius), box.x - 24, tick.y - 3, { width: 20, align: 'right' });
  }
  for (const tick of g.xTicks)
    doc.text(pdfText(f(tick.ts)), tick.x - 35, box.y + box.height + 4, { width: 70, align: 'center' });
  doc.strokeColor('#999999').rect(box.x, box.y, box.width, box.height).stroke();
  doc.lineWidth(1.2).strokeColor('#0b5fa5');
  for (const pts of g.lines) {
    const [first, ...rest] = pts;
    if (!first) continue;
    doc.moveTo(first[0], first[1]);
    for (const [x, y] of rest) doc.lineTo(x, y);
    doc.stroke();
  }
  if (g.limitY !== null)
    doc
      .strokeColor('#c62828')
      .dash(5, { space: 3 })
      .moveTo(box.x, g.limitY)
      .lineTo(box.x + box.width, g.limitY)
      .stroke()
      .undash();

  // QR code to /verify/{id}, as filled squares (vectors too).
  const qr = QRCode.create(opts.verifyUrl, { errorCorrectionLevel: 'M' });
  const cell = 2.2;
  const qx = 40;
  const qy = box.y + box.height + 24;
  doc.fillColor('black');
  for (let row = 0; row < qr.modules.size; row++)
    for (let col = 0; col < qr.modules.size; col++)
      if (qr.modules.get(row, col)) doc.rect(qx + col * cell, qy + row * cell, cell, cell).fill();
  doc
    .font('Helvetica')
    .fontSize(8)
    .fillColor('black')
    .text(
      pdfText(
        `${t.issued} ${f(c.issuedAt)} - ${c.issuer}\n${t.signature} ${signed.signature.keyId}\n${t.verify}: ${opts.verifyUrl}`,
      ),
      qx + qr.modules.size * cell + 12,
      qy,
      { width: 380 },
    );
  doc.end();
  return done;
}
