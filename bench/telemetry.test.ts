import { describe, expect, it } from 'vitest';
import { TelemetryBatch } from '../core/messages.ts';
import { benchBatch } from './telemetry.ts';

describe('bench telemetry', () => {
  const run = { firstSeq: 101, t0: Date.UTC(2026, 5, 1) };
  const batch = benchBatch('BENCH-01', 101, 50, run);

  it('is a telemetry batch ingest accepts', () => expect(TelemetryBatch.safeParse(batch).success).toBe(true));

  it('numbers readings by one per reading over several sensors, each sensor once per device time', () => {
    expect(batch.readings.map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, i) => 101 + i));
    const keys = batch.readings.map((r) => `${r.kind === 'temperature' ? r.sensor : ''}@${r.ts}`);
    expect(new Set(keys).size).toBe(50);
    expect(new Set(batch.readings.map((r) => (r.kind === 'temperature' ? r.sensor : '')))).toEqual(
      new Set(['BENCH-01-T1', 'BENCH-01-T2', 'BENCH-01-T3']),
    );
    expect(Math.min(...batch.readings.map((r) => r.ts))).toBe(run.t0);
  });
});
