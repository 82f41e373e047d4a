import type { ProductProfile } from '../product-profiles.ts';
import type { RuleSettings } from '../rule-settings.ts';
import { EMPTY_CUMULATIVE, stepCumulative, type CumulativeState } from './cumulative-rule.ts';
import { excursionDelayFrom, nextDefrost, suppressedAt, type DefrostWindow } from './defrost-window.ts';
import { SEVERITY_OF, type RuleEvent } from './rule-event.ts';
import { NO_SPELL, stepSpell, type Spell, type SpellParams } from './threshold-spell.ts';
import { medianStep, withStep } from './vouching.ts';

/**
 * One temperature sensor's rules. A compartment may have several sensors (front and rear
 * probes; ATP asks for the warmest point): each is judged on its own series, never merged
 * with the others, and a breach on any sensor is a breach of the compartment (issue 10).
 */
export interface SensorRuleState {
  /** Device time of this sensor's newest record judged, ms: older ones are late (van-rules.ts). */
  lastTs: number | null;
  /** Recent steps between its records, ms: its recording interval is their median (vouching.ts). */
  steps: number[];
  excursion: Spell;
  severe: Spell;
  cumulative: CumulativeState;
  /** Start (its last record before the silence) of this sensor's silence, ms. */
  silentSince: number | null;
}

/** The kinds raised per sensor and held open, for the compartment, while any sensor holds them. */
export type SensorKind = 'excursion' | 'severe' | 'cumulative' | 'recorder-silent';
const SENSOR_KINDS: readonly SensorKind[] = ['excursion', 'severe', 'cumulative', 'recorder-silent'];

/** A compartment episode of a per-sensor kind: open from the first sensor's raise to the last one's clear. */
export interface HeldEpisode {
  startedAt: number;
  peak: number | null;
  /** The sensors whose rule holds it raised. */
  sensors: string[];
  /** Seeded from an episode open before a restart: every sensor seen next starts raised. */
  seeded: boolean;
}

/** What one compartment's rules remember between readings. Plain data: JSON-safe, no clocks. */
export interface CompartmentRuleState {
  id: string;
  sensors: Record<string, SensorRuleState>;
  held: Partial<Record<SensorKind, HeldEpisode>>;
  defrost: DefrostWindow | null;
  door: { lastTs: number | null; openSince: number | null; raised: boolean };
}

export const EMPTY_SENSOR: SensorRuleState = Object.freeze({
  lastTs: null,
  steps: [],
  excursion: NO_SPELL,
  severe: NO_SPELL,
  cumulative: EMPTY_CUMULATIVE,
  silentSince: null,
});

export function emptyCompartmentRules(id: string): CompartmentRuleState {
  return {
    id,
    sensors: {},
    held: {},
    defrost: null,
    door: { lastTs: null, openSince: null, raised: false },
  };
}

/** A sensor's state; one seen for the first time starts raised for every seeded episode. */
function sensorState(c: CompartmentRuleState, sensor: string): SensorRuleState {
  const known = c.sensors[sensor];
  if (known) return known;
  let s: SensorRuleState = EMPTY_SENSOR;
  for (const kind of SENSOR_KINDS) {
    const h = c.held[kind];
    if (!h?.seeded) continue;
    const spell: Spell = { ...NO_SPELL, since: h.startedAt, raised: true, peak: h.peak };
    if (kind === 'excursion' || kind === 'severe') s = { ...s, [kind]: spell };
    else if (kind === 'cumulative')
      s = { ...s, cumulative: { ...s.cumulative, raised: true, firstAboveAt: h.startedAt, peak: h.peak } };
    else s = { ...s, silentSince: h.startedAt, lastTs: h.startedAt };
  }
  return s;
}

/** Newest record of any of the compartment's sensors, ms. */
export function lastTemperatureTs(c: CompartmentRuleState): number | null {
  let last: number | null = null;
  for (const s of Object.values(c.sensors))
    if (s.lastTs !== null && (last === null || s.lastTs > last)) last = s.lastTs;
  return last;
}

export interface CompartmentContext {
  van: string;
  settings: RuleSettings;
  /** Profile setting this compartment's limit now (LimitSource); `undefined`: no temperature alerts. */
  profile: ProductProfile | undefined;
  /** Accumulation period of the cumulative rule: the load on board, else the trip (VanContext.periodOf). */
  period: string;
  /** Late readings are judged for excursion and severe only (cumulative and gaps need the live order). */
  late?: boolean;
  /** A gap in this batch is already an episode of the whole van (silent, offline): not one per compartment. */
  gapCovered?: boolean;
  /**
   * A sensor's recording interval, ms, when the caller knows it for the whole series (a
   * certificate: the median over the load's period); otherwise the median of its recent steps.
   */
  intervalOf?: (sensor: string) => number | null;
}

export interface RuleStep<S> {
  state: S;
  events: RuleEvent[];
}

/**
 * The compartment's side of a sensor raising `kind`: the episode opens with the first sensor
 * (its start, detection and peak) and stays one episode while other sensors join it.
 */
function sensorRaised(
  c: CompartmentRuleState,
  ctx: CompartmentContext,
  kind: SensorKind,
  sensor: string,
  e: { startedAt: number; detectedAt: number; limit: number | null; peak: number | null },
): RuleEvent[] {
  const h = c.held[kind];
  if (h) {
    const peak = h.peak === null ? e.peak : e.peak === null ? h.peak : Math.max(h.peak, e.peak);
    const sensors = h.sensors.includes(sensor) ? h.sensors : [...h.sensors, sensor];
    c.held = { ...c.held, [kind]: { ...h, sensors, peak } };
    return [];
  }
  c.held = { ...c.held, [kind]: { startedAt: e.startedAt, peak: e.peak, sensors: [sensor], seeded: false } };
  return [{ type: 'raise', van: ctx.van, compartment: c.id, kind, severity: SEVERITY_OF[kind], ...e }];
}

/** A sensor's rule cleared `kind`: the compartment's episode clears with the last sensor holding it. */
function sensorCleared(
  c: CompartmentRuleState,
  ctx: CompartmentContext,
  kind: SensorKind,
  sensor: string,
  clearedAt: number,
  peak: number | null,
): RuleEvent[] {
  const h = c.held[kind];
  if (!h) return [];
  const sensors = h.sensors.filter((s) => s !== sensor);
  const top = h.peak === null ? peak : peak === null ? h.peak : Math.max(h.peak, peak);
  if (sensors.length > 0) {
    c.held = { ...c.held, [kind]: { ...h, sensors, peak: top } };
    return [];
  }
  const { [kind]: _done, ...rest } = c.held;
  c.held = rest;
  return [
    { type: 'clear', van: ctx.van, compartment: c.id, kind, startedAt: h.startedAt, clearedAt, peak: top },
  ];
}

/** The severe threshold: frozen food above its transport tolerance (−15 °C) at once; chilled far above for a while. */
export function severeParams(profile: ProductProfile, s: RuleSettings): SpellParams {
  const limit = profile.maxCelsius ?? Infinity;
  const hold = { clearMarginC: s.clearMarginC, clearHoldMs: s.clearHoldMs, boundary: 'at-least' as const };
  if (profile.frozen && profile.toleranceCelsius !== null)
    return { threshold: profile.toleranceCelsius, delayMs: 0, ...hold };
  return { threshold: limit + s.severeChilledMarginC, delayMs: s.severeChilledDelayMs, ...hold };
}

/** The excursion rule's threshold and delay at a limit (`longer-than` the delay, README "Boundaries"). */
export function excursionParams(limit: number, s: RuleSettings): SpellParams {
  return {
    threshold: limit,
    delayMs: s.excursionDelayMs,
    boundary: 'longer-than',
    clearMarginC: s.clearMarginC,
    clearHoldMs: s.clearHoldMs,
  };
}

/**
 * The two spells' parameters for a profile under the settings, made once per pair (issue 14:
 * asked for every reading; both are fixed while the process runs).
 */
const paramsMade = new WeakMap<RuleSettings, WeakMap<ProductProfile, [SpellParams, SpellParams]>>();
function spellParams(profile: ProductProfile, limit: number, s: RuleSettings): [SpellParams, SpellParams] {
  let bySettings = paramsMade.get(s);
  if (!bySettings) paramsMade.set(s, (bySettings = new WeakMap()));
  let made = bySettings.get(profile);
  if (!made) bySettings.set(profile, (made = [excursionParams(limit, s), severeParams(profile, s)]));
  return made;
}

/** One air-temperature record of one sensor of this compartment, in device-time order (newer than that sensor's `lastTs`). */
export function stepTemperature(
  state: CompartmentRuleState,
  r: { ts: number; celsius: number; sensor: string },
  ctx: CompartmentContext,
): RuleStep<CompartmentRuleState> {
  const s = ctx.settings;
  const events: RuleEvent[] = [];
  const c: CompartmentRuleState = { ...state };
  const isNew = state.sensors[r.sensor] === undefined;
  const before = sensorState(state, r.sensor);
  if (isNew)
    for (const kind of SENSOR_KINDS) {
      const h = c.held[kind];
      if (h?.seeded && !h.sensors.includes(r.sensor))
        c.held = { ...c.held, [kind]: { ...h, sensors: [...h.sensors, r.sensor] } };
    }
  const intervalMs = ctx.intervalOf ? ctx.intervalOf(r.sensor) : medianStep(before.steps);
  const step = before.lastTs === null ? null : r.ts - before.lastTs;
  const next: SensorRuleState = {
    ...before,
    lastTs: r.ts,
    steps: step === null ? before.steps : withStep(before.steps, step),
  };
  if (!ctx.late) {
    if (before.silentSince !== null) {
      events.push(...sensorCleared(c, ctx, 'recorder-silent', r.sensor, r.ts, null));
      next.silentSince = null;
    } else if (!ctx.gapCovered && step !== null && step > s.recorderSilentMs) {
      // A silence nobody saw live (it arrived in one late batch): recorded as a closed episode.
      const gap = { startedAt: before.lastTs!, detectedAt: r.ts, limit: null, peak: null };
      events.push(...sensorRaised(c, ctx, 'recorder-silent', r.sensor, gap));
      events.push(...sensorCleared(c, ctx, 'recorder-silent', r.sensor, r.ts, null));
    }
  }
  const limit = ctx.profile?.maxCelsius ?? null;
  if (ctx.profile === undefined || limit === null) {
    // Nothing to protect (ambient): open temperature episodes end here.
    for (const kind of ['excursion', 'severe'] as const) {
      if (before[kind].raised) events.push(...sensorCleared(c, ctx, kind, r.sensor, r.ts, before[kind].peak));
      next[kind] = NO_SPELL;
    }
    c.sensors = { ...c.sensors, [r.sensor]: next };
    return { state: c, events };
  }

  const [excursion, severe] = spellParams(ctx.profile, limit, s);
  const spells: Array<[SensorKind & ('excursion' | 'severe'), ReturnType<typeof stepSpell>]> = [
    [
      'excursion',
      stepSpell(before.excursion, { ts: r.ts, celsius: r.celsius, intervalMs }, excursion, {
        canRaise: !suppressedAt(state.defrost, r.ts, s.defrostMaxMs),
        delayFrom: (since) => excursionDelayFrom(state.defrost, since, s.defrostMaxMs),
      }),
    ],
    ['severe', stepSpell(before.severe, { ts: r.ts, celsius: r.celsius, intervalMs }, severe)],
  ];
  for (const [kind, spell] of spells) {
    next[kind] = spell.spell;
    if (spell.change === 'raised')
      events.push(
        ...sensorRaised(c, ctx, kind, r.sensor, {
          startedAt: spell.since!,
          detectedAt: r.ts,
          limit,
          peak: spell.peak,
        }),
      );
    else if (spell.change === 'cleared')
      events.push(...sensorCleared(c, ctx, kind, r.sensor, r.ts, spell.peak));
  }

  if (!ctx.late) {
    const cumulative = stepCumulative(before.cumulative, {
      ts: r.ts,
      celsius: r.celsius,
      limit,
      period: ctx.period,
      budgetMs: s.cumulativeBudgetMs,
      intervalMs,
    });
    next.cumulative = cumulative.state;
    if (cumulative.ended)
      events.push(...sensorCleared(c, ctx, 'cumulative', r.sensor, r.ts, cumulative.ended.peak));
    if (cumulative.change === 'raised') {
      const st = cumulative.state;
      events.push(
        ...sensorRaised(c, ctx, 'cumulative', r.sensor, {
          startedAt: st.firstAboveAt!,
          detectedAt: r.ts,
          limit,
          peak: st.peak,
        }),
      );
    }
  }
  c.sensors = { ...c.sensors, [r.sensor]: next };
  return { state: c, events };
}

export function stepReefer(
  state: CompartmentRuleState,
  r: { ts: number; defrosting: boolean },
): CompartmentRuleState {
  return { ...state, defrost: nextDefrost(state.defrost, r.ts, r.defrosting) };
}

/** A door reading, in device-time order; an older one than the last seen is ignored. */
export function stepDoor(
  state: CompartmentRuleState,
  r: { ts: number; open: boolean },
  ctx: CompartmentContext,
): RuleStep<CompartmentRuleState> {
  const d = state.door;
  if (d.lastTs !== null && r.ts < d.lastTs) return { state, events: [] };
  if (r.open) {
    const next = { ...state, door: { ...d, lastTs: r.ts, openSince: d.openSince ?? r.ts } };
    return checkClock(next, r.ts, ctx);
  }
  const events: RuleEvent[] = [];
  if (d.raised && d.openSince !== null)
    events.push({
      type: 'clear',
      van: ctx.van,
      compartment: state.id,
      kind: 'door-open',
      startedAt: d.openSince,
      clearedAt: r.ts,
      peak: null,
    });
  return { state: { ...state, door: { lastTs: r.ts, openSince: null, raised: false } }, events };
}

/**
 * Conditions that are about time passing rather than a value: a door open too long, a
 * temperature sensor silent too long (each sensor on its own: one silent probe beside a
 * talking one is a silent recorder). `deviceNow` is the van's newest device time (any
 * reading), never the server's clock, so a van replaying a backlog is judged as it recorded.
 */
export function checkClock(
  state: CompartmentRuleState,
  deviceNow: number,
  ctx: CompartmentContext,
): RuleStep<CompartmentRuleState> {
  const s = ctx.settings;
  const events: RuleEvent[] = [];
  const c: CompartmentRuleState = { ...state };
  const d = state.door;
  if (!d.raised && d.openSince !== null && deviceNow - d.openSince > s.doorOpenMaxMs) {
    events.push({
      type: 'raise',
      van: ctx.van,
      compartment: state.id,
      kind: 'door-open',
      severity: SEVERITY_OF['door-open'],
      startedAt: d.openSince,
      detectedAt: deviceNow,
      limit: null,
      peak: null,
    });
    c.door = { ...d, raised: true };
  }
  for (const [sensor, st] of Object.entries(state.sensors)) {
    if (st.silentSince !== null || st.lastTs === null || deviceNow - st.lastTs <= s.recorderSilentMs)
      continue;
    events.push(
      ...sensorRaised(c, ctx, 'recorder-silent', sensor, {
        startedAt: st.lastTs,
        detectedAt: deviceNow,
        limit: null,
        peak: null,
      }),
    );
    c.sensors = { ...c.sensors, [sensor]: { ...st, silentSince: st.lastTs } };
  }
  return { state: c, events };
}
