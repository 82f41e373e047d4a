import type { ProductProfile } from '../product-profiles.ts';
import type { RuleSettings } from '../rule-settings.ts';
import { EMPTY_CUMULATIVE, ownCumulative, stepCumulative, type CumulativeState } from './cumulative-rule.ts';
import { excursionDelayFrom, nextDefrost, suppressedAt, type DefrostWindow } from './defrost-window.ts';
import { SEVERITY_OF, type RuleEvent } from './rule-event.ts';
import {
  NO_SPELL,
  ownSpell,
  stepSpell,
  type Spell,
  type SpellChange,
  type SpellParams,
} from './threshold-spell.ts';
import { medianStep, pushStep } from './vouching.ts';

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

/**
 * The rules change a compartment's state in place: they run for every reading (issue 14), and
 * a copy of the state per reading cost more than the rules themselves. So a caller steps only
 * a state it owns: `ownCompartment` copies one (every object and array in it its own), and the
 * state it was made from is never changed. `applyBatch` (van-rules.ts) owns a copy of each
 * compartment a message touches, once per message.
 */
export function ownCompartment(c: CompartmentRuleState): CompartmentRuleState {
  const sensors: Record<string, SensorRuleState> = {};
  for (const id in c.sensors) sensors[id] = ownSensor(c.sensors[id]!);
  const held: Partial<Record<SensorKind, HeldEpisode>> = {};
  for (const kind of SENSOR_KINDS) {
    const h = c.held[kind];
    if (h) held[kind] = { ...h, sensors: h.sensors.slice() };
  }
  return { id: c.id, sensors, held, defrost: c.defrost, door: { ...c.door } };
}

function ownSensor(s: SensorRuleState): SensorRuleState {
  return {
    lastTs: s.lastTs,
    steps: s.steps.slice(),
    excursion: ownSpell(s.excursion),
    severe: ownSpell(s.severe),
    cumulative: ownCumulative(s.cumulative),
    silentSince: s.silentSince,
  };
}

export function emptyCompartmentRules(id: string): CompartmentRuleState {
  return {
    id,
    sensors: {},
    held: {},
    defrost: null,
    door: { lastTs: null, openSince: null, raised: false },
  };
}

/**
 * A sensor seen for the first time: it starts raised for every seeded episode (and joins it),
 * so that the episode clears only once every sensor has cleared (seed-rules.ts).
 */
function newSensor(c: CompartmentRuleState, sensor: string): SensorRuleState {
  const s: SensorRuleState = {
    lastTs: null,
    steps: [],
    excursion: ownSpell(NO_SPELL),
    severe: ownSpell(NO_SPELL),
    cumulative: ownCumulative(EMPTY_CUMULATIVE),
    silentSince: null,
  };
  for (const kind of SENSOR_KINDS) {
    const h = c.held[kind];
    if (!h?.seeded) continue;
    if (!h.sensors.includes(sensor)) h.sensors.push(sensor);
    if (kind === 'excursion' || kind === 'severe')
      Object.assign(s[kind], { since: h.startedAt, raised: true, peak: h.peak });
    else if (kind === 'cumulative')
      Object.assign(s.cumulative, { raised: true, firstAboveAt: h.startedAt, peak: h.peak });
    else {
      s.silentSince = h.startedAt;
      s.lastTs = h.startedAt;
    }
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
  events: RuleEvent[],
): void {
  const h = c.held[kind];
  if (h) {
    h.peak = h.peak === null ? e.peak : e.peak === null ? h.peak : Math.max(h.peak, e.peak);
    if (!h.sensors.includes(sensor)) h.sensors.push(sensor);
    return;
  }
  c.held[kind] = { startedAt: e.startedAt, peak: e.peak, sensors: [sensor], seeded: false };
  events.push({ type: 'raise', van: ctx.van, compartment: c.id, kind, severity: SEVERITY_OF[kind], ...e });
}

/** A sensor's rule cleared `kind`: the compartment's episode clears with the last sensor holding it. */
function sensorCleared(
  c: CompartmentRuleState,
  ctx: CompartmentContext,
  kind: SensorKind,
  sensor: string,
  clearedAt: number,
  peak: number | null,
  events: RuleEvent[],
): void {
  const h = c.held[kind];
  if (!h) return;
  const at = h.sensors.indexOf(sensor);
  if (at >= 0) h.sensors.splice(at, 1);
  h.peak = h.peak === null ? peak : peak === null ? h.peak : Math.max(h.peak, peak);
  if (h.sensors.length > 0) return;
  delete c.held[kind];
  events.push({
    type: 'clear',
    van: ctx.van,
    compartment: c.id,
    kind,
    startedAt: h.startedAt,
    clearedAt,
    peak: h.peak,
  });
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

/**
 * One air-temperature record of one sensor of this compartment, in device-time order (newer
 * than that sensor's `lastTs`), on a state the caller owns (`ownCompartment`): the state
 * changes in place and the episodes it raises or clears are added to `events`.
 */
export function stepTemperature(
  c: CompartmentRuleState,
  r: { ts: number; celsius: number; sensor: string },
  ctx: CompartmentContext,
  events: RuleEvent[],
): void {
  const s = ctx.settings;
  const sensor = c.sensors[r.sensor] ?? (c.sensors[r.sensor] = newSensor(c, r.sensor));
  const intervalMs = ctx.intervalOf ? ctx.intervalOf(r.sensor) : medianStep(sensor.steps);
  const lastTs = sensor.lastTs;
  const step = lastTs === null ? null : r.ts - lastTs;
  sensor.lastTs = r.ts;
  if (step !== null) pushStep(sensor.steps, step);
  if (!ctx.late) {
    if (sensor.silentSince !== null) {
      sensorCleared(c, ctx, 'recorder-silent', r.sensor, r.ts, null, events);
      sensor.silentSince = null;
    } else if (!ctx.gapCovered && step !== null && step > s.recorderSilentMs) {
      // A silence nobody saw live (it arrived in one late batch): recorded as a closed episode.
      const gap = { startedAt: lastTs!, detectedAt: r.ts, limit: null, peak: null };
      sensorRaised(c, ctx, 'recorder-silent', r.sensor, gap, events);
      sensorCleared(c, ctx, 'recorder-silent', r.sensor, r.ts, null, events);
    }
  }
  const limit = ctx.profile?.maxCelsius ?? null;
  if (ctx.profile === undefined || limit === null) {
    // Nothing to protect (ambient): open temperature episodes end here.
    for (const kind of ['excursion', 'severe'] as const) {
      const spell = sensor[kind];
      if (spell.raised) sensorCleared(c, ctx, kind, r.sensor, r.ts, spell.peak, events);
      Object.assign(spell, NO_SPELL);
    }
    return;
  }

  const [excursionAt, severeAt] = spellParams(ctx.profile, limit, s);
  const record = { ts: r.ts, celsius: r.celsius, intervalMs };
  const defrost = c.defrost;
  const excursion = stepSpell(
    sensor.excursion,
    record,
    excursionAt,
    !suppressedAt(defrost, r.ts, s.defrostMaxMs),
    defrost === null ? undefined : (since) => excursionDelayFrom(defrost, since, s.defrostMaxMs),
  );
  const severe = stepSpell(sensor.severe, record, severeAt);
  spellChanged(c, ctx, 'excursion', r, limit, excursion, events);
  spellChanged(c, ctx, 'severe', r, limit, severe, events);

  if (!ctx.late) {
    const cumulative = stepCumulative(sensor.cumulative, {
      ts: r.ts,
      celsius: r.celsius,
      limit,
      period: ctx.period,
      budgetMs: s.cumulativeBudgetMs,
      intervalMs,
    });
    if (cumulative.ended) sensorCleared(c, ctx, 'cumulative', r.sensor, r.ts, cumulative.ended.peak, events);
    if (cumulative.change === 'raised') {
      const st = sensor.cumulative;
      sensorRaised(
        c,
        ctx,
        'cumulative',
        r.sensor,
        { startedAt: st.firstAboveAt!, detectedAt: r.ts, limit, peak: st.peak },
        events,
      );
    }
  }
}

function spellChanged(
  c: CompartmentRuleState,
  ctx: CompartmentContext,
  kind: 'excursion' | 'severe',
  r: { ts: number; sensor: string },
  limit: number,
  spell: SpellChange,
  events: RuleEvent[],
): void {
  if (spell.change === 'raised')
    sensorRaised(
      c,
      ctx,
      kind,
      r.sensor,
      { startedAt: spell.since, detectedAt: r.ts, limit, peak: spell.peak },
      events,
    );
  else if (spell.change === 'cleared') sensorCleared(c, ctx, kind, r.sensor, r.ts, spell.peak, events);
}

/** A reefer reading, on a state the caller owns. */
export function stepReefer(c: CompartmentRuleState, r: { ts: number; defrosting: boolean }): void {
  c.defrost = nextDefrost(c.defrost, r.ts, r.defrosting);
}

/** A door reading, in device-time order (an older one than the last seen is ignored), on a state the caller owns. */
export function stepDoor(
  c: CompartmentRuleState,
  r: { ts: number; open: boolean },
  ctx: CompartmentContext,
  events: RuleEvent[],
): void {
  const d = c.door;
  if (d.lastTs !== null && r.ts < d.lastTs) return;
  if (r.open) {
    d.lastTs = r.ts;
    d.openSince = d.openSince ?? r.ts;
    checkClock(c, r.ts, ctx, events);
    return;
  }
  if (d.raised && d.openSince !== null)
    events.push({
      type: 'clear',
      van: ctx.van,
      compartment: c.id,
      kind: 'door-open',
      startedAt: d.openSince,
      clearedAt: r.ts,
      peak: null,
    });
  d.lastTs = r.ts;
  d.openSince = null;
  d.raised = false;
}

/** Whether `checkClock` has anything to raise at `deviceNow` (it changes nothing otherwise). */
export function clockDue(c: CompartmentRuleState, deviceNow: number, s: RuleSettings): boolean {
  const d = c.door;
  if (!d.raised && d.openSince !== null && deviceNow - d.openSince > s.doorOpenMaxMs) return true;
  for (const sensor in c.sensors) {
    const st = c.sensors[sensor]!;
    if (st.silentSince === null && st.lastTs !== null && deviceNow - st.lastTs > s.recorderSilentMs)
      return true;
  }
  return false;
}

/**
 * Conditions that are about time passing rather than a value: a door open too long, a
 * temperature sensor silent too long (each sensor on its own: one silent probe beside a
 * talking one is a silent recorder). `deviceNow` is the van's newest device time (any
 * reading), never the server's clock, so a van replaying a backlog is judged as it recorded.
 * On a state the caller owns.
 */
export function checkClock(
  c: CompartmentRuleState,
  deviceNow: number,
  ctx: CompartmentContext,
  events: RuleEvent[],
): void {
  const s = ctx.settings;
  const d = c.door;
  if (!d.raised && d.openSince !== null && deviceNow - d.openSince > s.doorOpenMaxMs) {
    events.push({
      type: 'raise',
      van: ctx.van,
      compartment: c.id,
      kind: 'door-open',
      severity: SEVERITY_OF['door-open'],
      startedAt: d.openSince,
      detectedAt: deviceNow,
      limit: null,
      peak: null,
    });
    d.raised = true;
  }
  for (const sensor in c.sensors) {
    const st = c.sensors[sensor]!;
    if (st.silentSince !== null || st.lastTs === null || deviceNow - st.lastTs <= s.recorderSilentMs)
      continue;
    const silence = { startedAt: st.lastTs, detectedAt: deviceNow, limit: null, peak: null };
    sensorRaised(c, ctx, 'recorder-silent', sensor, silence, events);
    st.silentSince = st.lastTs;
  }
}
