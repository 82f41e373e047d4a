import { describe, expect, it } from 'vitest';
import { chartGeometry } from './temperature-chart.ts';
import { legacySigned, readings, signed } from './certificate-test-kit.ts';

const BOX = { x: 0, y: 0, width: 600, height: 200 };

describe('temperature chart geometry', () => {
  it('draws one series per sensor, in the report’s order, with its own dash pattern', () => {
    const g = chartGeometry(readings(), signed().certificate.report, BOX);
    expect(g.series.map((s) => [s.sensor, s.deciding])).toEqual([
      ['FRONT', false],
      ['REAR', true],
    ]);
    expect(g.series[0]!.dash).not.toEqual(g.series[1]!.dash);
  });

  it('breaks a sensor’s line at its own gaps only, never joining another sensor’s points', () => {
    const [front, rear] = chartGeometry(readings(), signed().certificate.report, BOX).series;
    expect(front!.lines.map((l) => l.length)).toEqual([10, 10]); // 0–45 min, then 75–120 min
    expect(rear!.lines.map((l) => l.length)).toEqual([25]);
  });

  it('breaks any line a gap of a certificate whose gaps name no sensor lies within', () => {
    const [front, rear] = chartGeometry(readings(), legacySigned().certificate.report, BOX).series;
    expect(front!.lines).toHaveLength(2);
    expect(rear!.lines).toHaveLength(1); // REAR recorded through that gap
  });
});
