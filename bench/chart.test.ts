import { describe, expect, it } from 'vitest';
import { throughputChart } from './chart.ts';
import { summarise, type SystemSummary } from './stats.ts';

const system = (key: string, group: SystemSummary['group'], shapes: number[]): SystemSummary => ({
  key,
  label: `${key} <label>`,
  group,
  shapes: summarise(
    shapes.map((readingsPerMessage) => ({
      readingsPerMessage,
      readingsPerSecond: 1000 * (readingsPerMessage + 1),
      cpuMicrosPerReading: 1,
      lost: 0,
      late: 0,
      processes: [],
    })),
  ),
});

describe('throughput chart', () => {
  const svg = throughputChart(
    [
      system('givre', 'givre', [1, 10, 50]),
      system('peer-fair', 'peer', [1, 10, 50]),
      system('raw-influx', 'raw', [0]),
    ],
    [1, 10, 50],
    'title',
  );
  const bars = [...svg.matchAll(/class="bar" data-system="([^"]+)" data-shape="(\d+)"/g)].map(
    (m) => `${m[1]}@${m[2]}`,
  );

  it('has a bar per system and shape', () =>
    expect(bars.sort()).toEqual([
      'givre@1',
      'givre@10',
      'givre@50',
      'peer-fair@1',
      'peer-fair@10',
      'peer-fair@50',
    ]));

  it('draws a limit measured without shapes as a line, and escapes labels', () => {
    expect(svg).toContain('class="limit" data-system="raw-influx"');
    expect(svg).toContain('givre &lt;label&gt;');
    expect(svg.startsWith('<svg')).toBe(true);
  });
});
