import type { ProductProfile } from '../product-profiles.ts';
import type { RuleSettings } from '../rule-settings.ts';
import { EMPTY_CUMULATIVE, stepCumulative, type CumulativeState } from './cumulative-rule.ts';
import { excursionDelayFrom, nextDefrost, suppressedAt, type DefrostWindow } from './defrost-window.ts';
import { SEVERITY_OF, type RuleEvent } from './rule-event.ts';
import { NO_SPELL, stepSpell, type Spell, type SpellParams } from './threshold-spell.ts';

/** What one compartment's rules remember between readings. Plain data: JSON-safe, no clocks. */
export interface CompartmentRuleState {
  id: string;
  /** Device time of the newest temperature judged, ms: older ones are late (van-rules.ts). */
  lastTempTs: number | null;
  excursion: Spell;
  severe: Spell;
  cumulative: CumulativeState;
  defrost: DefrostWindow | null;
  door: { lastTs: number | null; openSince: number | null; raised: boolean };
  /** Start (the last record before the silence) of an open recorder-silent episode, ms. */
  silentSince: number | null;
}

export function emptyCompartmentRules(id: string): CompartmentRuleState {
  return {
    id,
    lastTempTs: null,
    excursion: NO_SPELL,
    severe: NO_SPELL,
    cumulative: EMPTY_CUMULATIVE,
    defrost: null,
    door: { lastTs: null, openSince: null, raised: false },
    silentSince: null,
  };
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
}

export interface RuleStep<S> {
  state: S;
  events: RuleEvent[];
}

type SpellKind = 'excursion' | 'severe';

function spellEvents(
  ctx: CompartmentContext,
  compartment: string,
  kind: SpellKind,
  step: ReturnType<typeof stepSpell>,
  ts: number,
  limit: number,
): RuleEvent[] {
  const base = { van: ctx.van, compartment, kind };
  if (step.change === 'raised')
    return [
      {
        ...base,
        type: 'raise',
        severity: SEVERITY_OF[kind],
        startedAt: step.since!,
        detectedAt: ts,
        limit,
        peak: step.peak,
      },
    ];
  if (step.change === 'cleared')
    return [{ ...base, type: 'clear', startedAt: step.since!, clearedAt: ts, peak: step.peak }];
  return [];
}

/** The severe threshold: frozen food above its transport tolerance (−15 °C) at once; chilled far above for a while. */
export function severeParams(profile: ProductProfile, s: RuleSettings): SpellParams {
  const limit = profile.maxCelsius ?? Infinity;
  const hold = { clearMarginC: s.clearMarginC, clearHoldMs: s.clearHoldMs };
  if (profile.frozen && profile.toleranceCelsius !== null)
    return { threshold: profile.toleranceCelsius, delayMs: 0, ...hold };
  return { threshold: limit + s.severeChilledMarginC, delayMs: s.severeChilledDelayMs, ...hold };
}

/** One air-temperature reading of this compartment, in device-time order (newer than `lastTempTs`). */
export function stepTemperature(
  state: CompartmentRuleState,
  r: { ts: number; celsius: number },
  ctx: CompartmentContext,
): RuleStep<CompartmentRuleState> {
  const s = ctx.settings;
  const events: RuleEvent[] = [];
  const next: CompartmentRuleState = { ...state, lastTempTs: r.ts };
  const base = { van: ctx.van, compartment: state.id };
  if (!ctx.late) {
    if (state.silentSince !== null) {
      events.push({
        ...base,
        type: 'clear',
        kind: 'recorder-silent',
        startedAt: state.silentSince,
        clearedAt: r.ts,
        peak: null,
      });
      next.silentSince = null;
    } else if (!ctx.gapCovered && state.lastTempTs !== null && r.ts - state.lastTempTs > s.recorderSilentMs) {
      // A gap nobody saw live (it arrived in one late batch): recorded as a closed episode.
      const gap = { ...base, kind: 'recorder-silent' as const, startedAt: state.lastTempTs, peak: null };
      events.push({
        ...gap,
        type: 'raise',
        severity: SEVERITY_OF['recorder-silent'],
        detectedAt: r.ts,
        limit: null,
      });
      events.push({ ...gap, type: 'clear', clearedAt: r.ts });
    }
  }
  const limit = ctx.profile?.maxCelsius ?? null;
  if (ctx.profile === undefined || limit === null) {
    // Nothing to protect (ambient): open temperature episodes end here.
    for (const kind of ['excursion', 'severe'] as const) {
      const spell = state[kind];
      if (spell.raised)
        events.push({
          ...base,
          type: 'clear',
          kind,
          startedAt: spell.since!,
          clearedAt: r.ts,
          peak: spell.peak,
        });
      next[kind] = NO_SPELL;
    }
    return { state: next, events };
  }

  const excursion = stepSpell(
    state.excursion,
    r.ts,
    r.celsius,
    {
      threshold: limit,
      delayMs: s.excursionDelayMs,
      clearMarginC: s.clearMarginC,
      clearHoldMs: s.clearHoldMs,
    },
    {
      canRaise: !suppressedAt(state.defrost, r.ts, s.defrostMaxMs),
      delayFrom: (since) => excursionDelayFrom(state.defrost, since, s.defrostMaxMs),
    },
  );
  next.excursion = excursion.spell;
  events.push(...spellEvents(ctx, state.id, 'excursion', excursion, r.ts, limit));

  const severe = stepSpell(state.severe, r.ts, r.celsius, severeParams(ctx.profile, s));
  next.severe = severe.spell;
  events.push(...spellEvents(ctx, state.id, 'severe', severe, r.ts, limit));

  if (!ctx.late) {
    const cumulative = stepCumulative(state.cumulative, {
      ts: r.ts,
      celsius: r.celsius,
      limit,
      period: ctx.period,
      budgetMs: s.cumulativeBudgetMs,
      maxStepMs: s.recorderSilentMs,
    });
    next.cumulative = cumulative.state;
    const c = { ...base, kind: 'cumulative' as const };
    if (cumulative.ended)
      events.push({
        ...c,
        type: 'clear',
        startedAt: cumulative.ended.firstAboveAt!,
        clearedAt: r.ts,
        peak: cumulative.ended.peak,
      });
    if (cumulative.change === 'raised') {
      const st = cumulative.state;
      events.push({
        ...c,
        type: 'raise',
        severity: SEVERITY_OF.cumulative,
        startedAt: st.firstAboveAt!,
        detectedAt: r.ts,
        limit,
        peak: st.peak,
      });
    }
  }
  return { state: next, events };
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
 * temperature sensor silent too long. `deviceNow` is the van's newest device time (any
 * reading), never the server's clock, so a van replaying a backlog is judged as it recorded.
 */
export function checkClock(
  state: CompartmentRuleState,
  deviceNow: number,
  ctx: CompartmentContext,
): RuleStep<CompartmentRuleState> {
  const s = ctx.settings;
  const events: RuleEvent[] = [];
  let next = state;
  const base = { van: ctx.van, compartment: state.id, limit: null, peak: null, detectedAt: deviceNow };
  const d = state.door;
  if (!d.raised && d.openSince !== null && deviceNow - d.openSince > s.doorOpenMaxMs) {
    events.push({
      ...base,
      type: 'raise',
      kind: 'door-open',
      severity: SEVERITY_OF['door-open'],
      startedAt: d.openSince,
    });
    next = { ...next, door: { ...d, raised: true } };
  }
  if (
    state.silentSince === null &&
    state.lastTempTs !== null &&
    deviceNow - state.lastTempTs > s.recorderSilentMs
  ) {
    events.push({
      ...base,
      type: 'raise',
      kind: 'recorder-silent',
      severity: SEVERITY_OF['recorder-silent'],
      startedAt: state.lastTempTs,
    });
    next = { ...next, silentSince: state.lastTempTs };
  }
  return { state: next, events };
}
