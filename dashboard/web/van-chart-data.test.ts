import { describe, expect, it } from 'vitest';
import { appendLive, chartData } from './van-chart-data.ts';

const b = (start: number, mean: number) => ({ start, min: mean - 1, mean, max: mean + 1, count: 2 });

describe('the van chart’s data', () => {
  it('aligns each sensor’s buckets on one time axis, in seconds', () => {
    const data = chartData(
      [
        { sensor: 'T1', buckets: [b(0, 3), b(60_000, 4)] },
        { sensor: 'T2', buckets: [b(60_000, 5)] },
      ],
      60_000,
    );
    expect(data.sensors).toEqual(['T1', 'T2']);
    expect(data.x).toEqual([0, 60]);
    expect(data.values[0]).toEqual([
      [2, 3],
      [3, 4],
      [4, 5],
    ]);
    expect(data.values[1]?.[1]).toEqual([undefined, 5]);
  });

  it('breaks a line where a sensor was silent longer than two buckets', () => {
    const data = chartData([{ sensor: 'T1', buckets: [b(0, 3), b(60_000, 3), b(300_000, 4)] }], 60_000);
    expect(data.x).toEqual([0, 60, 120, 300]);
    expect(data.values[0]?.[1]).toEqual([3, 3, null, 4]);
  });

  it('appends live readings after the history, and a new sensor as its own line', () => {
    let data = chartData([{ sensor: 'T1', buckets: [b(0, 3)] }], 60_000);
    data = appendLive(data, 'T1', 90_000, 3.5);
    expect(data.x).toEqual([0, 90]);
    expect(data.values[0]?.[1]).toEqual([3, 3.5]);
    expect(appendLive(data, 'T1', 90_000, 9)).toBe(data);
    data = appendLive(data, 'T2', 95_000, 6);
    expect(data.sensors).toEqual(['T1', 'T2']);
    expect(data.values[1]?.[1]).toEqual([undefined, undefined, 6]);
    expect(data.values[0]?.[1]).toEqual([3, 3.5, undefined]);
  });
});
