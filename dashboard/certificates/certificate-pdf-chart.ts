import type { ComplianceReport } from '../../core/compliance/compliance-report.ts';
import type { Reading } from '../../core/readings.ts';
import { sameBrusselsDay } from '../text/brussels-day.ts';
import { TEXT } from '../text/catalogue.ts';
import { formatTick, zoneName } from '../text/format.ts';
import type { Lang } from '../text/lang.ts';
import { celsius } from './certificate-facts.ts';
import { FONT, ensureRoom, type Pdf } from './pdf-layout.ts';
import { chartGeometry } from './temperature-chart.ts';

/** The chart's rows, pt: the plot, its time labels, each legend row, the caption. */
const CHART = { plot: 230, ticks: 14, legendRow: 13, caption: 14, yLabels: 24 } as const;
const LIMIT_COLOUR = '#c62828';

/**
 * The temperature chart at the full text width (issue 12), drawn as vectors: one line per
 * sensor told apart by its dash pattern and named in the legend; the limit red, dashed and
 * named on the chart; the first and last time labels aligned to the plot's edges so none is
 * cut. On the next page if this one has no room for all of it.
 */
export function drawChart(doc: Pdf, readings: readonly Reading[], r: ComplianceReport, lang: Lang): void {
  const t = TEXT[lang].certificate;
  const w = TEXT[lang].common;
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const entries =
    chartGeometry(readings, r, { x: 0, y: 0, width: 1, height: 1 }).series.length +
    (r.limit.maxCelsius === null ? 0 : 1);
  const legendRows = Math.ceil(entries / 3);
  ensureRoom(doc, 10 + CHART.plot + CHART.ticks + legendRows * CHART.legendRow + CHART.caption);
  const box = { x: left + CHART.yLabels, y: doc.y + 10, width: width - CHART.yLabels, height: CHART.plot };
  const g = chartGeometry(readings, r, box);
  doc.font(FONT.regular).fontSize(7.5).lineWidth(0.5);
  for (const tick of g.yTicks) {
    doc
      .strokeColor('#dddddd')
      .moveTo(box.x, tick.y)
      .lineTo(box.x + box.width, tick.y)
      .stroke();
    doc.fillColor('black').text(String(tick.celsius).replace('-', '\u2212'), left, tick.y - 3.5, {
      width: CHART.yLabels - 4,
      align: 'right',
      lineBreak: false,
    });
  }
  const withDay = !sameBrusselsDay(r.period.from, r.period.to);
  const tickWidth = 70;
  g.xTicks.forEach((tick, i, all) => {
    const [x, align] =
      i === 0
        ? [tick.x, 'left' as const]
        : i === all.length - 1
          ? [tick.x - tickWidth, 'right' as const]
          : [tick.x - tickWidth / 2, 'center' as const];
    doc.text(formatTick(tick.ts, lang, withDay), x, box.y + box.height + 4, {
      width: tickWidth,
      align,
      lineBreak: false,
    });
  });
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
  const limitLabel = `${w.limit} ${celsius(r.limit.maxCelsius, lang)}`;
  if (g.limitY !== null) {
    doc
      .lineWidth(1.5)
      .strokeColor(LIMIT_COLOUR)
      .dash(5, { space: 3 })
      .moveTo(box.x, g.limitY)
      .lineTo(box.x + box.width, g.limitY)
      .stroke()
      .undash();
    // Above its line, or under it when the line runs along the top of the plot.
    const y = g.limitY - box.y < 12 ? g.limitY + 3 : g.limitY - 11;
    doc
      .font(FONT.bold)
      .fontSize(8)
      .fillColor(LIMIT_COLOUR)
      .text(limitLabel, box.x, y, { width: box.width - 4, align: 'right', lineBreak: false });
  }
  const legend = [
    ...g.series.map((s) => ({
      label: s.deciding ? `${s.sensor} (${t.decidingMark})` : s.sensor,
      dash: s.dash,
      colour: s.colour,
    })),
    ...(g.limitY === null ? [] : [{ label: limitLabel, dash: [5, 3], colour: LIMIT_COLOUR }]),
  ];
  const legendTop = box.y + box.height + CHART.ticks + 6;
  const column = box.width / 3;
  legend.forEach((item, i) => {
    const x = box.x + (i % 3) * column;
    const y = legendTop + Math.floor(i / 3) * CHART.legendRow;
    dashed(item.dash)
      .lineWidth(1.2)
      .strokeColor(item.colour)
      .moveTo(x, y + 3.5)
      .lineTo(x + 22, y + 3.5)
      .stroke();
    doc
      .undash()
      .font(FONT.regular)
      .fillColor('black')
      .fontSize(8)
      .text(item.label, x + 26, y, { width: column - 30, lineBreak: false });
  });
  const captionTop = legendTop + Math.ceil(legend.length / 3) * CHART.legendRow;
  doc
    .fontSize(7.5)
    .fillColor('#444444')
    .text(`${t.chart} — ${t.times24} (${zoneName(r.period.from, lang)})`, box.x, captionTop, {
      width: box.width,
    })
    .fillColor('black');
  doc.x = left;
}
