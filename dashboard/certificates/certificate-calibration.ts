import { overdueDuring } from '../../core/calibration.ts';
import type { CertificateBody } from '../../core/certificates/certificate.ts';
import { TEXT } from '../text/catalogue.ts';
import { calendarDayText, calibrationTargetName } from '../text/calibration-words.ts';
import type { Lang } from '../text/lang.ts';
import { FONT, ensureRoom, tableRow, type Pdf } from './pdf-layout.ts';

export interface CalibrationFacts {
  title: string;
  head: string[];
  rows: string[][];
  /**
   * Said plainly above the table: "Étalonnage de l’enregistreur échu depuis le 3 mars 2026"
   * for each record in force at pickup whose due day had passed by delivery, or that none is
   * on record.
   */
  notices: string[];
}

/**
 * The recorder evidence of a certificate (issue 16, EN 13486), worded once for the HTML and
 * the PDF; `undefined` on a certificate signed before it carried any (nothing is shown).
 */
export function calibrationFacts(
  c: Pick<CertificateBody, 'calibration' | 'load'>,
  lang: Lang,
): CalibrationFacts | undefined {
  if (!c.calibration) return undefined;
  const t = TEXT[lang].calibration;
  const records = c.calibration.records;
  const notices =
    records.length === 0
      ? [t.noneOnRecord]
      : overdueDuring(records, c.load.deliveredAt).map((r) =>
          t.overdueSince(
            r.target === 'recorder' ? t.ofRecorder : t.ofSensor(r.target),
            calendarDayText(r.nextDueOn, lang, true),
          ),
        );
  return {
    title: t.certificateTitle,
    head: [
      t.columns.target,
      t.columns.verifiedOn,
      t.columns.laboratory,
      t.columns.reference,
      t.columns.nextDueOn,
    ],
    rows: records.map((r) => [
      calibrationTargetName(r.target, lang),
      calendarDayText(r.verifiedOn, lang, true),
      r.laboratory,
      r.reference,
      calendarDayText(r.nextDueOn, lang, true),
    ]),
    notices,
  };
}

/** The HTML section; `esc` is the renderer's escaping (every value was typed by a person). */
export function calibrationHtml(
  c: Pick<CertificateBody, 'calibration' | 'load'>,
  lang: Lang,
  esc: (s: string) => string,
): string {
  const facts = calibrationFacts(c, lang);
  if (!facts) return '';
  const notices = facts.notices
    .map((n) => `<p class="notice" data-testid="calibration-notice">${esc(n)}</p>`)
    .join('');
  const table =
    facts.rows.length === 0
      ? ''
      : `<div class="scroll"><table class="grid" data-testid="calibration"><thead><tr>${facts.head
          .map((h) => `<th scope="col">${esc(h)}</th>`)
          .join('')}</tr></thead><tbody>${facts.rows
          .map(
            (r) =>
              `<tr data-testid="calibration-row">${r.map((cell) => `<td>${esc(cell)}</td>`).join('')}</tr>`,
          )
          .join('')}</tbody></table></div>`;
  return `<h2>${esc(facts.title)}</h2>\n${notices}${table}`;
}

/** Columns of the calibration table in the PDF, pt (515 in all). */
const COLUMNS = [80, 80, 160, 110, 85] as const;

/** The PDF section, below the per-sensor table. */
export function drawCalibration(
  doc: Pdf,
  c: Pick<CertificateBody, 'calibration' | 'load'>,
  lang: Lang,
): void {
  const facts = calibrationFacts(c, lang);
  if (!facts) return;
  ensureRoom(doc, 60);
  doc.moveDown(0.6).font(FONT.bold).fontSize(11).text(facts.title);
  for (const n of facts.notices)
    doc.font(FONT.bold).fontSize(9).fillColor('#8a5a00').text(n).fillColor('black');
  if (facts.rows.length === 0) return;
  const head = () =>
    tableRow(
      doc,
      facts.head.map((text) => ({ text, bold: true })),
      COLUMNS,
      { fontSize: 8 },
    );
  head();
  for (const r of facts.rows)
    tableRow(
      doc,
      r.map((text) => ({ text })),
      COLUMNS,
      { fontSize: 8, onNewPage: head },
    );
}
