import { DEFAULT_PROFILES, findProfile } from '../product-profiles.ts';
import type { Reading } from '../readings.ts';
import { DEFAULT_RULE_SETTINGS, type RuleSettings } from '../rule-settings.ts';
import type { RuleEvent } from './rule-event.ts';
import { tripPeriod } from './trip-period.ts';
import { applyBatch, emptyVanRules, type VanContext, type VanRuleState } from './van-rules.ts';

/** Shared by the rules' unit tests: device time starts at a November evening, readings every 30 s. */
export const T0 = Date.UTC(2026, 10, 26, 17, 0);
export const MIN = 60_000;

export function context(overrides: Partial<RuleSettings> = {}): VanContext {
  return {
    settings: { ...DEFAULT_RULE_SETTINGS, ...overrides },
    profileFor: (c) => findProfile(DEFAULT_PROFILES, c === 'frozen' ? 'frozen' : 'chilled'),
    periodOf: (_v, _c, ts, trip) => tripPeriod(trip, ts, 12),
  };
}

let seq = 1;
/** Temperatures of one compartment: `[minute since T0, °C]`, plus optional reefer states at minutes. */
export function temps(series: Array<[number, number]>, compartment = 'chilled', sensor = 'T1'): Reading[] {
  return series.map(([m, celsius]) => ({
    kind: 'temperature',
    seq: seq++,
    ts: T0 + m * MIN,
    compartment,
    sensor,
    celsius,
  }));
}

/** The readings numbered as a van numbers them: in recording order, +1 each, from `first`. */
export function numbered(readings: Reading[], first = 1): Reading[] {
  return [...readings].sort((a, b) => a.ts - b.ts || a.seq - b.seq).map((r, i) => ({ ...r, seq: first + i }));
}

/** Cuts readings (in recording order) into `n` batches of consecutive records. */
export function batches(readings: Reading[], n: number): Reading[][] {
  const size = Math.ceil(readings.length / n);
  return Array.from({ length: n }, (_, i) => readings.slice(i * size, (i + 1) * size)).filter(
    (b) => b.length > 0,
  );
}

export function reefer(
  series: Array<[number, 'running' | 'defrost' | 'off']>,
  compartment = 'chilled',
): Reading[] {
  return series.map(([m, state]) => ({
    kind: 'reefer',
    seq: seq++,
    ts: T0 + m * MIN,
    compartment,
    state,
    setpoint: 3,
  }));
}

/** `from`…`to` minutes every 0.5 min at a temperature given by `f(minute)`. */
export function ramp(from: number, to: number, f: (m: number) => number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let m = from; m <= to + 1e-9; m += 0.5) out.push([m, f(m)]);
  return out;
}

/** Feeds batches in order; returns every event (late episodes flattened as raise + clear). */
export function run(
  batches: Reading[][],
  ctx: VanContext = context(),
  start: VanRuleState = emptyVanRules('VAN-01'),
): { events: RuleEvent[]; state: VanRuleState } {
  let state = start;
  const events: RuleEvent[] = [];
  batches.forEach((batch, i) => {
    const r = applyBatch(state, batch, ctx, 1_000 * i);
    state = r.state;
    events.push(...r.events, ...r.late.flatMap((l) => [l.raise, l.clear]));
  });
  return { events, state };
}

export const raises = (events: RuleEvent[], kind?: string) =>
  events.filter((e) => e.type === 'raise' && (kind === undefined || e.kind === kind));
export const clears = (events: RuleEvent[], kind?: string) =>
  events.filter((e) => e.type === 'clear' && (kind === undefined || e.kind === kind));
