import type { HistoryBucket, SensorHistory } from '../../core/api/history.ts';

/**
 * One compartment's chart data in uPlot's aligned shape: x in seconds, then for each sensor
 * its min, mean and max (°C). A sensor without a value at another sensor's time has
 * `undefined` (uPlot joins over it); a silence longer than two buckets is an explicit `null`,
 * so the line breaks where no record vouches for the temperature. Pure.
 */
export interface ChartData {
  sensors: string[];
  /** Seconds since 1970, increasing. */
  x: number[];
  /** Per sensor: `[min, mean, max]`, each aligned on `x`. */
  values: Array<
    [Array<number | null | undefined>, Array<number | null | undefined>, Array<number | null | undefined>]
  >;
}

type Point = { min: number | null; mean: number | null; max: number | null };

export function chartData(sensors: readonly SensorHistory[], bucketMs: number): ChartData {
  const bySensor = sensors.map((s) => withGaps(s.buckets, bucketMs));
  const times = [...new Set(bySensor.flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
  return {
    sensors: sensors.map((s) => s.sensor),
    x: times.map((t) => t / 1000),
    values: bySensor.map((points) => {
      const at = times.map((t) => points.get(t));
      return [at.map((p) => p?.min), at.map((p) => p?.mean), at.map((p) => p?.max)];
    }),
  };
}

function withGaps(buckets: readonly HistoryBucket[], bucketMs: number): Map<number, Point> {
  const points = new Map<number, Point>();
  buckets.forEach((b, i) => {
    const prev = buckets[i - 1];
    if (prev && b.start - prev.start > 2 * bucketMs)
      points.set(prev.start + bucketMs, { min: null, mean: null, max: null });
    points.set(b.start, b);
  });
  return points;
}

/**
 * Appends one live reading (the live channel's latest temperature of a sensor) at its device
 * time. A reading not newer than the last point is left out: x must increase, and the
 * history already holds it. A sensor seen for the first time gets its own series.
 */
export function appendLive(data: ChartData, sensor: string, ts: number, celsius: number): ChartData {
  const x = ts / 1000;
  if (data.x.length > 0 && x <= data.x.at(-1)!) return data;
  const sensors = data.sensors.includes(sensor) ? data.sensors : [...data.sensors, sensor];
  const values = sensors.map((s, i) => {
    const old = data.values[i] ?? [
      data.x.map(() => undefined),
      data.x.map(() => undefined),
      data.x.map(() => undefined),
    ];
    const v = s === sensor ? celsius : undefined;
    return [
      [...old[0], v],
      [...old[1], v],
      [...old[2], v],
    ] as ChartData['values'][number];
  });
  return { sensors, x: [...data.x, x], values };
}
