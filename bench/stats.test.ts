import { describe, expect, it } from 'vitest';
import { ratiosToPeer, spread, summarise, type SystemSummary } from './stats.ts';

const run = (readingsPerMessage: number, readingsPerSecond: number, lost = 0, rss = 100, late = 0) => ({
  readingsPerMessage,
  readingsPerSecond,
  cpuMicrosPerReading: 10,
  lost,
  late,
  processes: [{ name: 'givre start', peakRssMiB: rss }],
});

describe('spread of the repeats', () => {
  it.each([
    [[3, 1, 2], { median: 2, min: 1, max: 3, runs: 3 }],
    [[4, 1, 3, 2], { median: 2.5, min: 1, max: 4, runs: 4 }],
    [[7], { median: 7, min: 7, max: 7, runs: 1 }],
  ])('%j', (values, expected) => expect(spread(values)).toEqual(expected));

  it('of no run is no figure', () => expect(spread([]).runs).toBe(0));
});

describe('summary per shape', () => {
  it('groups the repeats by shape, adds up what was lost and stored late, keeps the highest peak RSS', () => {
    const shapes = summarise([
      run(1, 100, 0, 90),
      run(50, 900, 3, 100, 1),
      run(1, 300, 2, 120, 2),
      run(50, 1000, 5, 100, 4),
    ]);
    expect(shapes.map((s) => [s.readingsPerMessage, s.readingsPerSecond.median, s.lost, s.late])).toEqual([
      [1, 200, 2, 2],
      [50, 950, 8, 5],
    ]);
    expect(shapes[0]!.peakRssMiB).toEqual({ 'givre start': 120 });
  });
});

describe('ratio to the fair peer', () => {
  const system = (
    key: string,
    group: SystemSummary['group'],
    figures: Array<[number, number]>,
  ): SystemSummary => ({
    key,
    label: key,
    group,
    shapes: summarise(figures.map(([shape, rate]) => run(shape, rate))),
  });
  const systems = [
    system('givre', 'givre', [
      [1, 3000],
      [50, 90_000],
    ]),
    system('peer-fair', 'peer', [
      [1, 1500],
      [50, 60_000],
    ]),
    system('peer-default', 'peer', [[1, 9999]]),
    system('raw', 'raw', [[1, 50_000]]),
  ];

  it('is Givre over the fair peer at each shape, never against the dropping peer or a raw limit', () => {
    expect(ratiosToPeer(systems, 'peer-fair')).toEqual([
      { system: 'givre', readingsPerMessage: 1, ratio: 2 },
      { system: 'givre', readingsPerMessage: 50, ratio: 1.5 },
    ]);
  });

  it('is not claimed without the peer', () =>
    expect(ratiosToPeer(systems.slice(0, 1), 'peer-fair')).toEqual([]));
});
