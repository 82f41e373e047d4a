import { TelemetryBatch } from '../core/messages.ts';
import type { Reading } from '../core/readings.ts';
import type { Prng } from './prng.ts';
import { sensorSilent, type Scenario } from './scenarios.ts';
import type { SeqCounter } from './seq-counter.ts';
import type { Observation } from './van-model.ts';

/** Sensor noise, °C (one standard deviation): a class-1 EN 12830 recorder is within ±1 °C. */
const NOISE_C = 0.1;
/** GPS jitter, degrees (~3 m). */
const GPS_JITTER_DEG = 0.00003;

export interface RecorderContext {
  van: string;
  /** Device time at boot, ms: readings are stamped `bootDeviceMs + tS · 1000`. */
  bootDeviceMs: number;
  scenario: Scenario;
  /** The recorder's own noise stream, apart from the physics'. */
  rng: Prng;
  seq: SeqCounter;
}

export type BuildResult = { ok: true; batch: TelemetryBatch } | { ok: false; error: string };

/** °C at the 0.1 °C resolution of EN 12830 recorders. */
export const roundTenth = (celsius: number) => Math.round(celsius * 10) / 10 || 0;

type Unsequenced = Reading extends infer R ? (R extends Reading ? Omit<R, 'seq'> : never) : never;

/**
 * One recording: what the van's recorder publishes as one telemetry batch. Door changes since
 * the last recording come first, at their own times; then, per compartment, temperature
 * (unless its sensor is silent), door and reefer; then battery and position. Every reading
 * gets the next seq, in time order. The batch is checked against the contract before it is
 * handed back, so the simulator never publishes what ingest would refuse.
 */
export function buildBatch(obs: Observation, ctx: RecorderContext): BuildResult {
  const at = (tS: number) => ctx.bootDeviceMs + Math.round(tS * 1000);
  const ts = at(obs.tS);
  const readings: Unsequenced[] = obs.doorChanges.map((c) => ({
    kind: 'door',
    compartment: c.compartment,
    open: c.open,
    ts: at(c.tS),
  }));
  for (const c of obs.compartments) {
    const noise = ctx.rng.gaussian(NOISE_C);
    if (!sensorSilent(ctx.scenario, c.id, obs.tS)) {
      const celsius = roundTenth(c.airC + noise);
      readings.push({ kind: 'temperature', compartment: c.id, sensor: c.sensor, celsius, ts });
    }
    readings.push({ kind: 'door', compartment: c.id, open: c.doorOpen, ts });
    readings.push({ kind: 'reefer', compartment: c.id, state: c.reefer, setpoint: c.setpointC, ts });
  }
  readings.push({ kind: 'battery', percent: roundTenth(obs.batteryPercent), ts });
  const lat = round(obs.lat + ctx.rng.gaussian(GPS_JITTER_DEG), 5);
  const lon = round(obs.lon + ctx.rng.gaussian(GPS_JITTER_DEG), 5);
  readings.push({ kind: 'position', lat, lon, ts });

  const parsed = TelemetryBatch.safeParse({
    v: 1,
    van: ctx.van,
    readings: readings.map((r) => ({ seq: ctx.seq.next(), ...r })),
  });
  if (parsed.success) return { ok: true, batch: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, error: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` };
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
