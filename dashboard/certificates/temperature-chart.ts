import type { ComplianceReport } from '../../core/compliance/compliance-report.ts';
import type { Reading, TemperatureReading } from '../../core/readings.ts';

export interface ChartBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * How each sensor's line is drawn: a dash pattern first (the certificate is printed, often in
 * black and white, and read by people who may not tell colours apart — WCAG 1.4.1), a colour
 * as well. None is the limit's "6 4" dash, which is also red and thicker. Units: the
 * renderer's (px in the SVG, pt in the PDF); `[]` is a solid line.
 */
export const SERIES_STYLES: ReadonlyArray<{ dash: readonly number[]; colour: string }> = [
  { dash: [], colour: '#0b5fa5' },
  { dash: [1.5, 2.5], colour: '#6a1b9a' },
  { dash: [9, 3, 2, 3], colour: '#00695c' },
  { dash: [12, 3, 2, 3, 2, 3], colour: '#4e342e' },
  { dash: [3, 6], colour: '#37474f' },
];

export interface ChartSeries {
  sensor: string;
  /** The sensor whose series decided the verdict. */
  deciding: boolean;
  /** Polylines of this sensor's temperature; broken at its data gaps, so a gap is never drawn as data. */
  lines: Array<Array<[number, number]>>;
  dash: readonly number[];
  colour: string;
}

/** The chart in the box's coordinates (y downwards), shared by the SVG (HTML) and the PDF. */
export interface ChartGeometry {
  /** One per temperature sensor, in the report's sensor order. */
  series: ChartSeries[];
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
      (r): r is TemperatureReading =>
        r.kind === 'temperature' &&
        r.compartment === report.recorder.compartment &&
        r.ts >= from &&
        r.ts <= to,
    )
    .sort((a, b) => a.ts - b.ts || a.seq - b.seq);
  const limit = report.limit.maxCelsius;
  const values = [...temps.map((t) => t.celsius), ...(limit === null ? [] : [limit])];
  const lo = Math.floor((values.length ? Math.min(...values) : 0) - 1);
  const hi = Math.ceil((values.length ? Math.max(...values) : 10) + 1);
  const x = (ts: number) => box.x + ((ts - from) / Math.max(1, to - from)) * box.width;
  const y = (c: number) => box.y + box.height - ((c - lo) / Math.max(1, hi - lo)) * box.height;

  // The report's sensors first, in its order; any other sensor of the readings after them.
  const sensors = [...new Set([...report.recorder.sensors, ...temps.map((t) => t.sensor).sort()])];
  // A certificate signed before gaps named their sensor (`sensor` absent): its gaps break every line.
  const gapsOf = (sensor: string) =>
    report.gaps.filter((g) => (g as { sensor?: string | null }).sensor === undefined || g.sensor === sensor);
  const decider = (report as { decidingSensor?: string | null }).decidingSensor;
  const series = sensors.map((sensor, i): ChartSeries => {
    const gaps = gapsOf(sensor);
    const lines: ChartSeries['lines'] = [];
    let current: Array<[number, number]> = [];
    let previous: number | null = null;
    for (const t of temps) {
      if (t.sensor !== sensor) continue;
      // A gap lies between two records of its sensor (core/compliance/data-gaps.ts): break there.
      const a = previous;
      if (a !== null && gaps.some((g) => g.from >= a && g.to <= t.ts)) {
        lines.push(current);
        current = [];
      }
      current.push([x(t.ts), y(t.celsius)]);
      previous = t.ts;
    }
    if (current.length) lines.push(current);
    const style = SERIES_STYLES[i % SERIES_STYLES.length]!;
    return { sensor, deciding: sensor === decider, lines, dash: style.dash, colour: style.colour };
  });

  const step = Math.max(1, Math.ceil((hi - lo) / 6));
  const yTicks = [];
  for (let c = lo; c <= hi; c += step) yTicks.push({ y: y(c), celsius: c });
  const xTicks = Array.from({ length: 5 }, (_, i) => {
    const ts = from + ((to - from) * i) / 4;
    return { x: x(ts), ts };
  });
  return { series, limitY: limit === null ? null : y(limit), yTicks, xTicks };
}
