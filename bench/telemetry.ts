import type { TelemetryBatch } from '../core/messages.ts';
import type { TemperatureReading } from '../core/readings.ts';

/**
 * A bench van's sensors: two probes in the chilled compartment, one in the frozen one, each
 * recorded once a second of device time, in turn, so that `seq` grows by one per reading.
 * Values stay inside each profile's limits: the alert rules run, none fires.
 */
const SENSORS = [
  { suffix: 'T1', compartment: 'chilled', base: 3.0 },
  { suffix: 'T2', compartment: 'chilled', base: 3.4 },
  { suffix: 'T3', compartment: 'frozen', base: -19.5 },
] as const;

/** Where a van's run begins: its first seq, and that reading's device time, ms. */
export interface BenchRun {
  firstSeq: number;
  t0: number;
}

/** Device time between two recordings of the same sensor, ms. */
const RECORDING_INTERVAL_MS = 1_000;

/**
 * The reading with this seq of a bench van (seqs from 1, one per reading, across runs). Each run
 * begins its recordings at its own device time `t0` (ms), with `firstSeq` its first seq: as a
 * van parked between two trips, so that each run's readings are found by their time alone.
 */
export function benchReading(van: string, seq: number, run: BenchRun): TemperatureReading {
  const record = Math.floor((seq - run.firstSeq) / SENSORS.length);
  const sensor = SENSORS[(seq - 1) % SENSORS.length]!;
  return {
    seq,
    ts: run.t0 + record * RECORDING_INTERVAL_MS,
    kind: 'temperature',
    compartment: sensor.compartment,
    sensor: `${van}-${sensor.suffix}`,
    // ±0.5 °C of drift around each probe's level, 0.1 °C resolution.
    celsius: Math.round((sensor.base + ((record % 11) - 5) / 10) * 10) / 10,
  };
}

/** One telemetry message of `count` readings from `seq` on, as a van publishes it. */
export function benchBatch(van: string, seq: number, count: number, run: BenchRun): TelemetryBatch {
  return {
    v: 1,
    van,
    readings: Array.from({ length: count }, (_, i) => benchReading(van, seq + i, run)),
  };
}
