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
import {
  compartmentLabels,
  decidingText,
  excursionLine,
  gapLine,
  intervalText,
  recordsText,
  sensorRows,
} from './certificate-facts.ts';
import { chartGeometry } from './temperature-chart.ts';

/** PDF standard fonts speak WinAnsi only: spell out what it lacks. */
const pdfText = (s: string) =>
  s
    .replace(/→/g, '->')
    .replace(/\u2212/g, '-')
    .replace(/Δ/g, 'd')
    .replace(/[\u202f\u00a0]/g, ' ');

const VERDICT_COLOUR = { compliant: '#1b5e20', 'non-compliant': '#b71c1c', incomplete: '#8a5a00' } as const;

/** Columns of the per-sensor table, pt (A4 less the margins: 515 pt). */
const SENSOR_COLUMNS = [90, 92, 118, 80, 90, 45] as const;

/** Height the chart needs under the text: box, tick labels, legend and the QR code (pt). */
const CHART_BLOCK_PT = 170 + 24 + 36 + 70;

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
      .text(pdfText(`${label}${t.colon}`), { continued: true });
    doc.font('Helvetica').text(pdfText(value));
  };
  /** A label, then one item a line (excursions, gaps: each names its sensor). */
  const items = (label: string, values: string[]) => {
    if (values.length === 0) return line(label, t.none);
    doc
      .font('Helvetica-Bold')
      .fontSize(9)
      .text(pdfText(`${label}${t.colon}`));
    doc.font('Helvetica');
    for (const v of values) doc.text(pdfText(`- ${v}`), { indent: 10 });
  };
  /** One row of cells at the table's column widths; the row is as tall as its tallest cell. */
  const tableRow = (cells: string[], bold: boolean) => {
    const x0 = doc.page.margins.left;
    const y0 = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    let x = x0;
    let bottom = y0;
    cells.forEach((cell, i) => {
      const width = SENSOR_COLUMNS[i]! - 4;
      doc.text(pdfText(cell), x, y0, { width });
      bottom = Math.max(bottom, doc.y);
      x += SENSOR_COLUMNS[i]!;
    });
    doc.x = x0;
    doc.y = bottom + 1;
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
  const deciding = decidingText(r, opts.lang);
  if (deciding !== undefined) line(t.deciding, deciding);
  if (c.provisional) doc.font('Helvetica-Bold').fontSize(9).text(pdfText(t.provisional));
  const lost = c.gapsDeclaredLost;
  if (lost)
    doc
      .font('Helvetica-Bold')
      .fontSize(9)
      .text(pdfText(`${t.gapsLost}${t.colon}${lost.by}, ${f(lost.at)} - ${lost.reason}`));
  if (opts.supersededBy)
    doc
      .font('Helvetica-Bold')
      .fontSize(9)
      .text(pdfText(`${t.superseded}${t.colon}${opts.supersededBy}`));
  doc.moveDown(0.4);
  line(t.load, `${l.id} - ${opts.productName}, ${l.weightKg} kg`);
  line(t.donor, `${l.donor.name}, ${l.donor.place}${t.listSeparator}${t.pickup} ${f(l.pickedUpAt)}`);
  line(t.recipient, `${l.recipient.name}${t.listSeparator}${t.delivery} ${f(l.deliveredAt)}`);
  line(t.van, `${l.van} / ${l.compartment}`);
  line(t.limit, `${deg(r.limit.maxCelsius)} - ${r.limit.legalSource}`);
  line(t.rules, r.ruleSetVersion);
  line(t.recorder, `${r.recorder.van}${t.colon}${r.recorder.sensors.join(', ') || '-'}`);
  const records = recordsText(r, opts.lang);
  if (records !== undefined) line(t.records, records);
  line(t.interval, intervalText(r, opts.lang));
  const labels = compartmentLabels(r, opts.lang);
  line(labels.stats, `${deg(r.temperature.min)} / ${deg(r.temperature.max)} / ${deg(r.temperature.mean)}`);
  line(t.mkt, deg(r.temperature.mkt));
  line(labels.above, formatDuration(r.timeAboveLimitMs));
  items(
    t.excursions,
    r.excursions.map((x) => excursionLine(x, opts.lang, true)),
  );
  line(t.doors, `${r.doors.count} ${t.times}, ${formatDuration(r.doors.totalOpenMs)}`);
  items(
    t.gaps,
    r.gaps.map((g) => gapLine(g, opts.lang)),
  );
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
  const rows = sensorRows(r, opts.lang, true);
  if (rows && rows.length > 0) {
    doc.moveDown(0.4).font('Helvetica-Bold').fontSize(10).text(pdfText(t.bySensor));
    tableRow([t.sensor, t.verdict, t.stats, t.above, t.interval, t.gapCount], true);
    for (const s of rows)
      tableRow([s.label, s.verdictText, s.stats, s.above, s.interval, s.gaps], s.deciding);
  }
  doc.font('Helvetica-Oblique').fontSize(8).text(pdfText(t.measured));

  // The chart, drawn as vector paths: one line per sensor, told apart by its dash pattern and
  // named in the legend; the limit red and dashed. On a page of its own if this one is full.
  if (doc.y + 14 + CHART_BLOCK_PT > doc.page.height - doc.page.margins.bottom) doc.addPage();
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
  // PDFKit takes a dash pattern as an array (pdfkit.js `dash`); @types/pdfkit declares a number only.
  const dashed = (pattern: readonly number[]) =>
    pattern.length ? doc.dash([...pattern] as unknown as number, {}) : doc.undash();
  doc.lineWidth(1.2);
  for (const s of g.series) {
    dashed(s.dash).strokeColor(s.colour);
    for (const pts of s.lines) {
      const [first, ...rest] = pts;
      if (!first) continue;
      doc.moveTo(first[0], first[1]);
      for (const [x, y] of rest) doc.lineTo(x, y);
      doc.stroke();
    }
  }
  doc.undash();
  if (g.limitY !== null)
    doc
      .strokeColor('#c62828')
      .dash(5, { space: 3 })
      .moveTo(box.x, g.limitY)
      .lineTo(box.x + box.width, g.limitY)
      .stroke()
      .undash();
  const legend = [
    ...g.series.map((s) => ({
      label: s.deciding ? `${s.sensor} (${t.decidingMark})` : s.sensor,
      dash: s.dash,
      colour: s.colour,
    })),
    ...(g.limitY === null
      ? []
      : [{ label: `${t.limitLegend} ${deg(r.limit.maxCelsius)}`, dash: [5, 3], colour: '#c62828' }]),
  ];
  const legendTop = box.y + box.height + 18;
  legend.forEach((item, i) => {
    const x = box.x + (i % 3) * 157;
    const y = legendTop + Math.floor(i / 3) * 12;
    dashed(item.dash)
      .lineWidth(1.2)
      .strokeColor(item.colour)
      .moveTo(x, y + 3)
      .lineTo(x + 22, y + 3)
      .stroke();
    doc
      .undash()
      .fillColor('black')
      .fontSize(7)
      .text(pdfText(item.label), x + 26, y, { width: 128, lineBreak: false });
  });
  const legendBottom = legendTop + Math.ceil(legend.length / 3) * 12;

  // QR code to /verify/{id}, as filled squares (vectors too).
  const qr = QRCode.create(opts.verifyUrl, { errorCorrectionLevel: 'M' });
  const cell = 2.2;
  const qx = 40;
  const qy = legendBottom + 8;
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
        `${t.issued} ${f(c.issuedAt)} - ${c.issuer}\n${t.signature} ${signed.signature.keyId}\n${t.verify}${t.colon}${opts.verifyUrl}`,
      ),
      qx + qr.modules.size * cell + 12,
      qy,
      { width: 380 },
    );
  doc.end();
  return done;
}
