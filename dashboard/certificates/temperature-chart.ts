import type { ComplianceReport } from '../../core/compliance/compliance-report.ts';
import type { Reading } from '../../core/readings.ts';

export interface ChartBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The chart in the box's coordinates (y downwards), shared by the SVG (HTML) and the PDF. */
export interface ChartGeometry {
  /** Polylines of the temperature; broken at data gaps, so a gap is never drawn as data. */
  lines: Array<Array<[number, number]>>;
  /** y of the limit line, `null` without a limit. */
  limitY: number | null;
  yTicks: Array<{ y: number; celsius: number }>;
  xTicks: Array<{ x: number; ts: number }>;
}

export function chartGeometry(
  readings: readonly Reading[],
  report: ComplianceReport,
  box: ChartBox,
): ChartGeometry {
  const { from, to } = report.period;
  const temps = readings
    .filter(
      (r) =>
        r.kind === 'temperature' &&
        r.compartment === report.recorder.compartment &&
        r.ts >= from &&
        r.ts <= to,
    )
    .map((r) => ({ ts: r.ts, c: (r as { celsius: number }).celsius }))
    .sort((a, b) => a.ts - b.ts);
  const limit = report.limit.maxCelsius;
  const values = [...temps.map((t) => t.c), ...(limit === null ? [] : [limit])];
  const lo = Math.floor((values.length ? Math.min(...values) : 0) - 1);
  const hi = Math.ceil((values.length ? Math.max(...values) : 10) + 1);
  const x = (ts: number) => box.x + ((ts - from) / Math.max(1, to - from)) * box.width;
  const y = (c: number) => box.y + box.height - ((c - lo) / Math.max(1, hi - lo)) * box.height;
  const lines: ChartGeometry['lines'] = [];
  let current: Array<[number, number]> = [];
  let previous: number | null = null;
  for (const t of temps) {
    if (previous !== null && t.ts - previous > report.recordingInterval.maxAllowedMs) {
      lines.push(current);
      current = [];
    }
    current.push([x(t.ts), y(t.c)]);
    previous = t.ts;
  }
  if (current.length) lines.push(current);
  const step = Math.max(1, Math.ceil((hi - lo) / 6));
  const yTicks = [];
  for (let c = lo; c <= hi; c += step) yTicks.push({ y: y(c), celsius: c });
  const xTicks = Array.from({ length: 5 }, (_, i) => {
    const ts = from + ((to - from) * i) / 4;
    return { x: x(ts), ts };
  });
  return { lines, limitY: limit === null ? null : y(limit), yTicks, xTicks };
}
