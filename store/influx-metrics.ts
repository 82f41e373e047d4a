import type { Counter, MetricsRegistry } from '../platform/metrics.ts';

/** Counters the InfluxDB writer and spool update (`/metrics`, names `givre_influx_*`). */
export interface InfluxCounters {
  linesWritten: Counter;
  batches: Counter;
  /** By `reason`: connection, 5xx, 429, http-401, http-404, refused, ... */
  writeErrors: Counter;
  retries: Counter;
  deadLetters: Counter;
  collisions: Counter;
}

export function influxCounters(registry: MetricsRegistry): InfluxCounters {
  return {
    linesWritten: registry.counter('givre_influx_lines_written_total', 'Readings InfluxDB has accepted.'),
    batches: registry.counter('givre_influx_batches_total', 'Batches written to InfluxDB /write.'),
    writeErrors: registry.counter('givre_influx_write_errors_total', 'Failed /write requests, by reason.'),
    retries: registry.counter(
      'givre_influx_write_retries_total',
      'Batches sent again after a connection error, 5xx or 429 (with backoff or Retry-After).',
    ),
    deadLetters: registry.counter(
      'givre_influx_dead_letters_total',
      'Readings InfluxDB refused (400), written to the dead-letter file and not retried.',
    ),
    collisions: registry.counter(
      'givre_influx_point_collisions_total',
      'Readings sharing series and millisecond with another reading: InfluxDB keeps one of them.',
    ),
  };
}

export interface InfluxGaugeSources {
  pendingBytes(): number;
  pendingLines(): number;
  reachable(): boolean;
}

/** Gauges read at scrape time. */
export function registerInfluxGauges(registry: MetricsRegistry, source: InfluxGaugeSources): void {
  registry.collectedGauge(
    'givre_influx_spool_bytes',
    'Line protocol waiting in the disk spool, bytes.',
    () => [{ value: source.pendingBytes() }],
  );
  registry.collectedGauge('givre_influx_lines_pending', 'Readings accepted but not yet in InfluxDB.', () => [
    { value: source.pendingLines() },
  ]);
  registry.collectedGauge('givre_influx_up', '1 when the last InfluxDB request succeeded, else 0.', () => [
    { value: source.reachable() ? 1 : 0 },
  ]);
}
