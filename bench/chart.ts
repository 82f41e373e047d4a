import type { SystemSummary } from './stats.ts';

const COLOURS = [
  '#1f5fa8',
  '#4d8fd6',
  '#7fb2e5',
  '#a9cdf0',
  '#c0392b',
  '#e6a19a',
  '#555555',
  '#888888',
  '#bbbbbb',
];
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Grouped bars: one group per shape, one bar per system (median readings stored per second,
 * its min–max as a whisker). A system measured without shapes (the raw InfluxDB write) is a
 * dashed line across the chart.
 */
export function throughputChart(
  systems: readonly SystemSummary[],
  shapes: readonly number[],
  title: string,
): string {
  const barred = systems.filter((s) => s.shapes.some((x) => shapes.includes(x.readingsPerMessage)));
  const lines = systems.filter((s) => !barred.includes(s) && s.shapes.length > 0);
  const top = Math.max(
    1,
    ...systems.flatMap((s) =>
      s.shapes.map((x) => (Number.isFinite(x.readingsPerSecond.max) ? x.readingsPerSecond.max : 0)),
    ),
  );
  const [left, plotTop, plotHeight, bar, gap] = [70, 40, 300, 18, 40];
  const groupWidth = Math.max(barred.length * bar + gap, 180);
  const width = Math.max(left + shapes.length * groupWidth + 20, 8 * title.length + left);
  const legendTop = plotTop + plotHeight + 40;
  const height = legendTop + (barred.length + lines.length) * 18 + 10;
  const y = (v: number) => plotTop + plotHeight - (v / top) * plotHeight;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<text x="${left}" y="20" font-size="13">${escape(title)}</text>`,
    `<line x1="${left}" y1="${y(0)}" x2="${width - 10}" y2="${y(0)}" stroke="#000"/>`,
  ];
  for (let t = 0; t <= 4; t++) {
    const v = (top * t) / 4;
    out.push(
      `<text x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${Math.round(v).toLocaleString('en')}</text>`,
    );
  }
  shapes.forEach((n, g) => {
    const x0 = left + g * groupWidth + (groupWidth - barred.length * bar) / 2;
    out.push(
      `<text x="${x0 + (barred.length * bar) / 2}" y="${y(0) + 16}" text-anchor="middle">${n} reading${n === 1 ? '' : 's'}/message</text>`,
    );
    barred.forEach((s, i) => {
      const shape = s.shapes.find((x) => x.readingsPerMessage === n);
      if (!shape) return;
      const { median, min, max } = shape.readingsPerSecond;
      const x = x0 + i * bar;
      out.push(
        `<rect class="bar" data-system="${s.key}" data-shape="${n}" x="${x}" y="${y(median)}" width="${bar - 2}" height="${y(0) - y(median)}" fill="${COLOURS[i % COLOURS.length]}"/>`,
        `<line x1="${x + bar / 2 - 1}" y1="${y(max)}" x2="${x + bar / 2 - 1}" y2="${y(min)}" stroke="#000"/>`,
        `<text x="${x + bar / 2 - 1}" y="${y(max) - 4}" text-anchor="middle" font-size="9">${Math.round(median).toLocaleString('en')}</text>`,
      );
    });
  });
  for (const s of lines) {
    const v = s.shapes[0]!.readingsPerSecond.median;
    out.push(
      `<line class="limit" data-system="${s.key}" x1="${left}" y1="${y(v)}" x2="${width - 10}" y2="${y(v)}" stroke="#000" stroke-dasharray="4 3"/>`,
    );
  }
  [...barred, ...lines].forEach((s, i) => {
    const ly = legendTop + i * 18;
    out.push(
      i < barred.length
        ? `<rect x="${left}" y="${ly - 10}" width="12" height="12" fill="${COLOURS[i % COLOURS.length]}"/>`
        : `<line x1="${left}" y1="${ly - 4}" x2="${left + 12}" y2="${ly - 4}" stroke="#000" stroke-dasharray="4 3"/>`,
      `<text x="${left + 18}" y="${ly}">${escape(s.label + (s.note ? ` (${s.note})` : ''))}</text>`,
    );
  });
  out.push('</svg>');
  return out.join('\n');
}
