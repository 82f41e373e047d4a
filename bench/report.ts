import type { Ratio, Spread, SystemSummary } from './stats.ts';

/** `12 345` with a thin space between thousands, as the README writes figures. */
export function figure(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('fr-FR').replace(/\s/g, ' ') : '—';
}

function cell(s: Spread | undefined): string {
  if (!s || s.runs === 0) return '—';
  return s.runs === 1 ? figure(s.median) : `${figure(s.median)} (${figure(s.min)}–${figure(s.max)})`;
}

const shapeName = (n: number) => `${n} reading${n === 1 ? '' : 's'}/message`;

/**
 * The throughput table: readings stored per second, median (min–max) over the repeats, per
 * shape; readings lost (not stored 10 s after the last publish) and, of those, stored late
 * (bench/settle.ts); then CPU per reading and peak RSS per process; then Givre over the fair peer.
 */
export function throughputTable(
  systems: readonly SystemSummary[],
  shapes: readonly number[],
  ratios: readonly Ratio[],
): string {
  const width = Math.max(...systems.map((s) => s.label.length), 20);
  const columns = shapes.map(shapeName);
  const lines = [
    'readings stored per second, median (min–max) of the repeats, each on a fresh instance; lost: acknowledged and',
    'not stored 10 s after the last publish, every repeat together; late: of those, stored afterwards',
    '',
    [''.padEnd(width), ...columns.map((c) => c.padStart(26)), 'lost'.padStart(10), 'late'.padStart(10)].join(
      ' ',
    ),
  ];
  for (const s of systems) {
    const byShape = shapes.map((n) => s.shapes.find((x) => x.readingsPerMessage === n));
    // A raw InfluxDB write has no MQTT message: its one figure, under the first column.
    const cells =
      s.shapes.length === 1 && !byShape.some(Boolean)
        ? [s.shapes[0], ...shapes.slice(1).map(() => undefined)]
        : byShape;
    const lost = s.shapes.reduce((total, x) => total + x.lost, 0);
    const late = s.shapes.reduce((total, x) => total + x.late, 0);
    lines.push(
      [
        s.label.padEnd(width),
        ...cells.map((x) => cell(x?.readingsPerSecond).padStart(26)),
        figure(lost).padStart(10),
        figure(late).padStart(10),
      ].join(' ') + (s.note ? `  (${s.note})` : ''),
    );
  }
  lines.push(
    '',
    'CPU µs per stored reading (every process of the system), median; peak RSS per process, MiB',
  );
  for (const s of systems) {
    const parts = s.shapes.map((x) => {
      const rss = Object.entries(x.peakRssMiB)
        .map(([name, mib]) => `${name} ${mib}`)
        .join(', ');
      const cpu = x.cpuMicrosPerReading.median;
      return `${x.readingsPerMessage === 0 ? 'lines' : x.readingsPerMessage}: ${Number.isFinite(cpu) ? cpu.toFixed(1) : '—'} µs [${rss}]`;
    });
    lines.push(`  ${s.label}`, `    ${parts.join(' · ')}`);
  }
  if (ratios.length > 0) {
    lines.push(
      '',
      'Givre / fair peer (Mosquitto max_queued_messages 0 → Node-RED → InfluxDB), medians, same shape',
    );
    for (const label of [...new Set(ratios.map((r) => r.system))]) {
      const these = shapes.map((n) => ratios.find((r) => r.system === label && r.readingsPerMessage === n));
      lines.push(
        [label.padEnd(width), ...these.map((r) => (r ? `×${r.ratio.toFixed(2)}` : '—').padStart(26))].join(
          ' ',
        ),
      );
    }
  }
  return lines.join('\n');
}
