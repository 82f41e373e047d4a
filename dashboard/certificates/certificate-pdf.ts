import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { SignedCertificate } from '../../core/certificates/certificate.ts';
import type { Reading } from '../../core/readings.ts';
import { TEXT } from '../text/catalogue.ts';
import { actorName } from '../text/code-words.ts';
import { formatDuration, formatInstant } from '../text/format.ts';
import type { Lang } from '../text/lang.ts';
import {
  alertLine,
  celsius,
  compartmentLabels,
  decidingText,
  doorsText,
  excursionLine,
  gapLine,
  intervalText,
  issuerLines,
  limitText,
  recordsText,
  sensorRows,
  vanText,
  verdictHeadline,
} from './certificate-facts.ts';
import { drawCalibration } from './certificate-calibration.ts';
import { coldChainFacts } from './certificate-cold-chain.ts';
import { drawChart } from './certificate-pdf-chart.ts';
import { FONT, ensureRoom, registerFonts, tableRow, type Pdf } from './pdf-layout.ts';

const VERDICT_COLOUR = { compliant: '#1b5e20', 'non-compliant': '#b71c1c', incomplete: '#8a5a00' } as const;

/** A4 less 40 pt margins: 515 pt of text width. */
const MARGIN = 40;
/** The facts' two columns, pt: the label, the value. */
const FACT_COLUMNS = [165, 350] as const;
/** Columns of the per-sensor table, pt. */
const SENSOR_COLUMNS = [92, 84, 125, 72, 97, 45] as const;
/** Height of the QR code block at the foot, pt. */
const QR_CELL_PT = 2.2;

/** The certificate as a PDF (A4): its facts in a table, the chart at full width, a QR code. */
export async function renderCertificatePdf(
  signed: SignedCertificate,
  readings: readonly Reading[],
  opts: { lang: Lang; verifyUrl: string; supersededBy: string | null; productName: string },
): Promise<Buffer> {
  const lang = opts.lang;
  const t = TEXT[lang].certificate;
  const w = TEXT[lang].common;
  const c = signed.certificate;
  const r = c.report;
  const l = c.load;
  const f = (ms: number) => formatInstant(ms, lang);
  const deg = (v: number | null) => celsius(v, lang);
  const doc: Pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: `${t.title} ${c.id}`, Author: c.issuer },
  });
  registerFonts(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const notice = (text: string) =>
    doc.font(FONT.bold).fontSize(9).fillColor('#8a5a00').text(text).fillColor('black');

  doc.font(FONT.bold).fontSize(16).text(t.title);
  doc.font(FONT.regular).fontSize(9).fillColor('#555555').text(`${c.id} · ${t.version} ${c.version}`);
  doc.fillColor('black').text(`${t.issuer}${w.colon}${issuerLines(c).join(', ')}`);
  doc
    .moveDown(0.4)
    .font(FONT.bold)
    .fontSize(18)
    .fillColor(VERDICT_COLOUR[r.verdict])
    .text(verdictHeadline(r.verdict, lang));
  doc.fillColor('black');
  const deciding = decidingText(r, lang);
  if (deciding !== undefined) doc.font(FONT.bold).fontSize(10).text(`${t.deciding}${w.colon}${deciding}`);
  if (c.provisional) notice(t.provisional);
  const lost = c.gapsDeclaredLost;
  if (lost) notice(`${t.gapsLost}${w.colon}${lost.by}, ${f(lost.at)} — ${lost.reason}`);
  if (opts.supersededBy) notice(`${t.superseded}${w.colon}${opts.supersededBy}`);
  doc.moveDown(0.5);

  // The facts: one row each, label and value, never split across a page.
  const rec = l.reception;
  const labels = compartmentLabels(r, lang);
  const records = recordsText(r, lang);
  const lines = (values: string[]) => (values.length ? values.join('\n') : t.none);
  const facts: Array<[string, string]> = [
    [t.load, `${l.id} — ${opts.productName}`],
    [t.weight, `${l.weightKg} kg`],
    [t.donor, `${l.donor.name}, ${l.donor.place}`],
    [t.pickup, f(l.pickedUpAt)],
    [t.recipient, l.recipient.name],
    [t.delivery, f(l.deliveredAt)],
    [t.van, vanText(l.van, l.compartment, lang)],
    [t.limit, limitText(r, lang)],
    [t.source, r.limit.legalSource],
    [t.rules, r.ruleSetVersion],
    [t.period, `${f(r.period.from)} → ${f(r.period.to)} (${formatDuration(r.period.durationMs)})`],
    [t.recorder, `${r.recorder.van}${w.colon}${r.recorder.sensors.join(', ') || '—'}`],
    ...(records !== undefined ? [[t.records, records] as [string, string]] : []),
    [t.interval, intervalText(r, lang)],
    [labels.stats, `${deg(r.temperature.min)} / ${deg(r.temperature.max)} / ${deg(r.temperature.mean)}`],
    [t.mkt, deg(r.temperature.mkt)],
    [labels.above, formatDuration(r.timeAboveLimitMs)],
    [t.excursions, lines(r.excursions.map((x) => excursionLine(x, lang)))],
    [t.doors, doorsText(r, lang)],
    [t.gaps, lines(r.gaps.map((g) => gapLine(g, lang)))],
    [t.alerts, lines(r.alerts.map((a) => alertLine(a, lang)))],
    [
      t.reception,
      rec
        ? `${rec.accepted ? t.accepted : t.refused}${rec.probeCelsius !== undefined ? ` — ${t.probe} ${deg(rec.probeCelsius)}` : ''}${rec.reason ? ` — ${rec.reason}` : ''}${rec.by ? ` (${actorName(rec.by, lang)})` : ''}`
        : t.noReception,
    ],
  ];
  for (const [label, value] of facts)
    tableRow(doc, [{ text: label, bold: true }, { text: value }], FACT_COLUMNS, { fontSize: 9 });

  coldChainRows(doc, signed, lang);

  const rows = sensorRows(r, lang);
  if (rows && rows.length > 0) {
    const head = () =>
      tableRow(
        doc,
        [t.sensor, t.verdict, t.stats, t.above, t.interval, t.gapCount].map((text) => ({ text, bold: true })),
        SENSOR_COLUMNS,
        { fontSize: 8 },
      );
    ensureRoom(doc, 60);
    doc.moveDown(0.6).font(FONT.bold).fontSize(11).text(t.bySensor);
    head();
    for (const s of rows)
      tableRow(
        doc,
        [s.label, s.verdictText, s.stats, s.above, s.interval, s.gaps].map((text) => ({
          text,
          bold: s.deciding,
        })),
        SENSOR_COLUMNS,
        { fontSize: 8, onNewPage: head },
      );
  }
  drawCalibration(doc, c, lang);
  doc.moveDown(0.5).font(FONT.oblique).fontSize(8).text(t.measured);

  drawChart(doc, readings, r, lang);
  footer(doc, signed, opts.verifyUrl, lang);
  pageNumbers(doc, c.id, lang);
  doc.end();
  return done;
}

/**
 * Time out of cold with its parts and the budget's verdict, and what the charity may do with
 * the load (issue 16); nothing on a certificate signed before.
 */
function coldChainRows(doc: Pdf, signed: SignedCertificate, lang: Lang): void {
  const facts = coldChainFacts(signed.certificate, lang);
  if (!facts) return;
  const t = TEXT[lang].coldChain;
  const w = TEXT[lang].common;
  const x = facts.timeOutOfCold;
  const d = facts.disposition;
  const row = (label: string, value: string, bold = false) =>
    tableRow(
      doc,
      [
        { text: label, bold: true },
        { text: value, bold },
      ],
      FACT_COLUMNS,
      { fontSize: 9 },
    );
  ensureRoom(doc, 120);
  doc.moveDown(0.6).font(FONT.bold).fontSize(11).text(t.timeOutOfCold);
  if (x.standing === 'over')
    doc.font(FONT.bold).fontSize(9).fillColor('#b71c1c').text(t.overWarning).fillColor('black');
  if (facts.marking !== undefined) row(t.markingTitle, facts.marking);
  for (const p of x.parts) row(p.label, p.value);
  row(t.timeOutOfCold, `${x.total} — ${x.standingText}`, true);
  row(t.budgetSource, x.budgetSource);
  ensureRoom(doc, 60);
  doc.moveDown(0.6).font(FONT.bold).fontSize(11).text(t.disposition);
  if (!d) {
    doc.font(FONT.regular).fontSize(9).text(t.noDisposition);
    return;
  }
  doc.font(FONT.bold).fontSize(12).text(d.name);
  doc.font(FONT.regular).fontSize(9).text(d.reason);
  if (d.freezeOn) doc.font(FONT.bold).fontSize(9).text(d.freezeOn);
  doc
    .font(FONT.regular)
    .fontSize(8)
    .fillColor('#555555')
    .text(`${d.rule}${w.colon}${d.source}`)
    .fillColor('black');
}

/** QR code to the verification link (as vectors), the issue time, the issuer and the key. */
function footer(doc: Pdf, signed: SignedCertificate, verifyUrl: string, lang: Lang): void {
  const t = TEXT[lang].certificate;
  const w = TEXT[lang].common;
  const c = signed.certificate;
  const qr = QRCode.create(verifyUrl, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size * QR_CELL_PT;
  ensureRoom(doc, size + 16);
  const qx = doc.page.margins.left;
  const qy = doc.y + 12;
  doc.fillColor('black');
  for (let row = 0; row < qr.modules.size; row++)
    for (let col = 0; col < qr.modules.size; col++)
      if (qr.modules.get(row, col))
        doc.rect(qx + col * QR_CELL_PT, qy + row * QR_CELL_PT, QR_CELL_PT, QR_CELL_PT).fill();
  const textX = qx + size + 12;
  doc
    .font(FONT.regular)
    .fontSize(8.5)
    .text(
      [
        `${t.issued} ${formatInstant(c.issuedAt, lang)}`,
        `${t.issuer}${w.colon}${issuerLines(c).join(', ')}`,
        `${t.signature} ${signed.signature.keyId}`,
        `${t.verify}${w.colon}${verifyUrl}`,
      ].join('\n'),
      textX,
      qy,
      { width: doc.page.width - doc.page.margins.right - textX },
    );
}

/** "LD-…-v2 · page 1/2" at the foot of every page, so a printed page is never orphaned. */
function pageNumbers(doc: Pdf, id: string, lang: Lang): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing in the margin must not start another page
    doc
      .font(FONT.regular)
      .fontSize(7.5)
      .fillColor('#555555')
      .text(
        `${id} · ${TEXT[lang].certificate.page} ${i + 1}/${range.count}`,
        doc.page.margins.left,
        doc.page.height - 28,
        {
          width: doc.page.width - 2 * MARGIN,
          align: 'right',
          lineBreak: false,
        },
      );
    doc.page.margins.bottom = bottom;
  }
}
