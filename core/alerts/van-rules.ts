import { MAX_BOOTS } from '../gaps/seq-gaps.ts';
import type { VanStatus } from '../messages.ts';
import type { ProductProfile } from '../product-profiles.ts';
import type { Reading, TemperatureReading } from '../readings.ts';
import type { RuleSettings } from '../rule-settings.ts';
import {
  checkClock,
  clockDue,
  emptyCompartmentRules,
  ownCompartment,
  stepDoor,
  stepReefer,
  stepTemperature,
  type CompartmentContext,
  type CompartmentRuleState,
  type RuleStep,
} from './compartment-rules.ts';
import { judgeLateSegment, type LateEpisode } from './late-segment.ts';
import { SEVERITY_OF, type RuleEvent } from './rule-event.ts';
import { addRanges, addSeqs, hasSeq, type SeqRanges } from './seq-ranges.ts';

/** A low-battery episode clears this many points above the threshold, so 19↔20 % does not flap. */
export const BATTERY_CLEAR_MARGIN_PERCENT = 5;

/** What a van's rules remember. Device times in ms; `lastArrivalAt` alone is server time (see `tickVan`). */
export interface VanRuleState {
  van: string;
  /** The van's newest device time seen in any reading, ms: the rules' "now". */
  deviceNow: number | null;
  judged: SeqRanges;
  compartments: Record<string, CompartmentRuleState>;
  lowBatterySince: number | null;
  online: boolean | null;
  offlineSince: number | null;
  /** Counts returns from offline: the cumulative rule's trip (trip-period.ts). */
  trip: number;
  /** SERVER wall time the last batch arrived, ms: only the whole-van silence tick reads it. */
  lastArrivalAt: number | null;
  /** Start of an open whole-van recorder-silent episode (device time of the last reading), ms. */
  silentSince: number | null;
  /** Back online after offline: the next batch's gaps belong to the van-offline episode. */
  resumed: boolean;
  /**
   * Readings waiting for records numbered before them (`seq`) that have not arrived, in seq
   * order: judged when the hole fills, or after `reorderHoldMs` of SERVER time (`heldSince`).
   */
  held: Reading[];
  heldSince: number | null;
  /**
   * The first seqs of the van's recent boots (`bootSeq` of its `online` status): a rebooted
   * recorder jumps its counter, and the numbers it skipped are never coming, so a reading that
   * starts a boot is judged at once rather than held for them.
   */
  boots: number[];
}

export function emptyVanRules(van: string): VanRuleState {
  return {
    van,
    deviceNow: null,
    judged: [],
    compartments: {},
    lowBatterySince: null,
    online: null,
    offlineSince: null,
    trip: 0,
    lastArrivalAt: null,
    silentSince: null,
    resumed: false,
    held: [],
    heldSince: null,
    boots: [],
  };
}

export interface VanContext {
  settings: RuleSettings;
  profileFor(compartment: string): ProductProfile | undefined;
  /**
   * The cumulative rule's period of a compartment at a device time, ms: the load on board
   * (core/loads/loads-period.ts), else the van's trip (trip-period.ts).
   */
  periodOf(van: string, compartment: string, ts: number, trip: number): string;
}

export interface BatchResult extends RuleStep<VanRuleState> {
  /** Episodes found in readings older than what was already judged (late-segment.ts). */
  late: LateEpisode[];
}

const byDeviceTime = (a: Reading, b: Reading) => a.ts - b.ts || a.seq - b.seq;

/**
 * Judges a batch in recording order, whatever order batches arrive in (issue 10): a van
 * numbers its records (`seq`, +1 per reading), so readings whose predecessors have not
 * arrived yet wait (`held`) until they do, or until `reorderHoldMs` of server time has
 * passed (`releaseHeld`, from the engine's tick). Nothing waits for numbers that are never
 * coming: those the van declares lost (`declaredLost`, the message's `lost`) and those a
 * reboot skipped (a reading that starts a boot, `boots`). Replays (seq already judged) are skipped;
 * readings older than a sensor's last judged one (their hole was given up on) are judged
 * apart, as their own segment. `arrivedAt` is the SERVER time of arrival, kept only for the
 * whole-van silence and the hold; no rule compares it with device time.
 */
export function applyBatch(
  state: VanRuleState,
  readings: readonly Reading[],
  ctx: VanContext,
  arrivedAt: number,
  declaredLost: ReadonlyArray<{ first: number; last: number }> = [],
): BatchResult {
  // Numbers the van declared lost (its storage was full) are never coming: nothing waits for them.
  if (declaredLost.length > 0)
    state = {
      ...state,
      judged: addRanges(
        state.judged,
        declaredLost.map((l) => [l.first, l.last] as const),
      ),
    };
  const heldSeqs = state.held.length === 0 ? undefined : new Set(state.held.map((r) => r.seq));
  const fresh = readings.filter((r) => !hasSeq(state.judged, r.seq) && !heldSeqs?.has(r.seq));
  // The usual message (issue 14): nothing held, its readings in order, each once: the pool is
  // the fresh readings as they are, without a de-duplicating map and a sort.
  const pool =
    heldSeqs === undefined && ascendingSeqs(fresh)
      ? fresh
      : [...new Map([...state.held, ...fresh].map((r) => [r.seq, r])).values()].sort((a, b) => a.seq - b.seq);
  const last = state.judged[state.judged.length - 1];
  let frontier = last === undefined ? null : last[1];
  const ready: Reading[] = [];
  const held: Reading[] = [];
  for (const r of pool) {
    if (frontier === null || r.seq <= frontier + 1 || state.boots.includes(r.seq)) {
      ready.push(r);
      frontier = frontier === null ? r.seq : Math.max(frontier, r.seq);
    } else held.push(r);
  }
  const step = judge(state, ready, ctx);
  return {
    ...step,
    state: {
      ...step.state,
      lastArrivalAt: fresh.length > 0 ? arrivedAt : state.lastArrivalAt,
      held,
      heldSince: held.length === 0 ? null : (state.heldSince ?? arrivedAt),
    },
  };
}

/** Whether the readings' seqs strictly increase (so no two share one). */
function ascendingSeqs(readings: readonly Reading[]): boolean {
  for (let i = 1; i < readings.length; i++) if (readings[i]!.seq <= readings[i - 1]!.seq) return false;
  return true;
}

/** The hold is over (`observedAt` is SERVER time): held readings are judged without the missing ones. */
export function releaseHeld(state: VanRuleState, ctx: VanContext, observedAt: number): BatchResult {
  if (state.heldSince === null || observedAt - state.heldSince < ctx.settings.reorderHoldMs)
    return { state, events: [], late: [] };
  return judge({ ...state, held: [], heldSince: null }, state.held, ctx);
}

/**
 * Judges readings, each seq once (both callers de-duplicate): those already judged are
 * skipped. The state given is never changed.
 */
function judge(state: VanRuleState, readings: readonly Reading[], ctx: VanContext): BatchResult {
  const events: RuleEvent[] = [];
  const comps = { ...state.compartments };
  const lateTemps = new Map<string, TemperatureReading[]>();
  const judged = state.judged;
  let deviceNow = state.deviceNow;
  let lowBatterySince = state.lowBatterySince;
  // Issue 14: a compartment's limit and periods cannot change within one batch (loads change
  // between messages), so its profile is asked once per batch and its period once per device
  // instant; the context is one object per compartment, made again only when the period moves
  // (a load picked up mid-batch).
  const gapCovered = state.resumed || state.silentSince !== null;
  const contexts = new Map<string, { at: number; ctx: CompartmentContext }>();
  const cctx = (id: string, ts: number): CompartmentContext => {
    const known = contexts.get(id);
    if (known?.at === ts) return known.ctx;
    const period = ctx.periodOf(state.van, id, ts, state.trip);
    const made: CompartmentContext =
      known?.ctx.period === period
        ? known.ctx
        : {
            van: state.van,
            settings: ctx.settings,
            profile: known ? known.ctx.profile : ctx.profileFor(id),
            period,
            gapCovered,
          };
    contexts.set(id, { at: ts, ctx: made });
    return made;
  };
  // The clock checks read neither limit nor period: any context of the compartment will do.
  const clockCtx = (id: string, ts: number) => contexts.get(id)?.ctx ?? cctx(id, ts);
  // Each compartment the readings change is copied once, then stepped in place
  // (compartment-rules.ts): issue 14, a copy per reading cost more than the rules.
  const owned = new Set<string>();
  const own = (id: string): CompartmentRuleState => {
    if (owned.has(id)) return comps[id]!;
    owned.add(id);
    const known = comps[id];
    return (comps[id] = known ? ownCompartment(known) : emptyCompartmentRules(id));
  };

  // The first reading after a whole-van silence ends it.
  const sorted = [...readings].sort(byDeviceTime);
  const first = sorted.find((r) => !hasSeq(judged, r.seq));
  if (state.silentSince !== null && first)
    events.push({
      type: 'clear',
      van: state.van,
      compartment: null,
      kind: 'recorder-silent',
      startedAt: state.silentSince,
      clearedAt: Math.max(first.ts, state.silentSince),
      peak: null,
    });

  // Time-based conditions are checked each time device time moves on, after every reading
  // of the previous instant was judged (so compartments recorded together are not "silent").
  const checkAll = (now: number) => {
    for (const id in comps)
      if (clockDue(comps[id]!, now, ctx.settings)) checkClock(own(id), now, clockCtx(id, now), events);
  };
  const judging: number[] = [];
  for (const r of sorted) {
    if (hasSeq(judged, r.seq)) continue;
    judging.push(r.seq);
    if (deviceNow === null || r.ts > deviceNow) {
      if (deviceNow !== null) checkAll(deviceNow);
      deviceNow = r.ts;
    }
    switch (r.kind) {
      case 'temperature': {
        const lastTs = comps[r.compartment]?.sensors[r.sensor]?.lastTs ?? null;
        if (lastTs !== null && r.ts <= lastTs) {
          lateTemps.set(r.compartment, [...(lateTemps.get(r.compartment) ?? []), r]);
          break;
        }
        stepTemperature(own(r.compartment), r, cctx(r.compartment, r.ts), events);
        break;
      }
      case 'door':
        stepDoor(own(r.compartment), r, cctx(r.compartment, r.ts), events);
        break;
      case 'reefer':
        stepReefer(own(r.compartment), { ts: r.ts, defrosting: r.state === 'defrost' });
        break;
      case 'battery': {
        const low = ctx.settings.lowBatteryPercent;
        const base = { van: state.van, compartment: null, kind: 'low-battery' as const, peak: null };
        if (lowBatterySince === null && r.percent < low) {
          lowBatterySince = r.ts;
          events.push({
            ...base,
            type: 'raise',
            severity: SEVERITY_OF['low-battery'],
            startedAt: r.ts,
            detectedAt: r.ts,
            limit: null,
          });
        } else if (lowBatterySince !== null && r.percent >= low + BATTERY_CLEAR_MARGIN_PERCENT) {
          events.push({ ...base, type: 'clear', startedAt: lowBatterySince, clearedAt: r.ts });
          lowBatterySince = null;
        }
        break;
      }
      case 'position':
        break;
    }
  }
  if (deviceNow !== null) checkAll(deviceNow);

  const late: LateEpisode[] = [];
  for (const [id, temps] of lateTemps)
    late.push(...judgeLateSegment(temps, { ...cctx(id, temps[0]!.ts), late: true }, id));

  const anyNew = first !== undefined;
  return {
    state: {
      ...state,
      compartments: comps,
      judged: addSeqs(judged, judging),
      deviceNow,
      lowBatterySince,
      silentSince: anyNew ? null : state.silentSince,
      resumed: anyNew ? false : state.resumed,
    },
    events,
    late,
  };
}

/** The retained status: `offline` (the last will, or a clean stop) opens van-offline; `online` clears it. */
export function applyStatus(state: VanRuleState, status: VanStatus): RuleStep<VanRuleState> {
  const events: RuleEvent[] = [];
  const base = { van: state.van, compartment: null, kind: 'van-offline' as const, peak: null };
  if (status.state === 'offline') {
    if (state.online === false) return { state, events };
    // The will's own ts is when the van *connected*; the last reading is the best "since".
    const since = state.deviceNow ?? status.ts ?? null;
    if (since === null) return { state: { ...state, online: false }, events };
    events.push({
      ...base,
      type: 'raise',
      severity: SEVERITY_OF['van-offline'],
      startedAt: since,
      detectedAt: since,
      limit: null,
    });
    if (state.silentSince !== null)
      events.push({
        ...base,
        kind: 'recorder-silent',
        type: 'clear',
        startedAt: state.silentSince,
        clearedAt: since,
      });
    return { state: { ...state, online: false, offlineSince: since, silentSince: null }, events };
  }
  if (state.offlineSince !== null) {
    const at = Math.max(status.ts ?? state.deviceNow ?? state.offlineSince, state.offlineSince);
    events.push({ ...base, type: 'clear', startedAt: state.offlineSince, clearedAt: at });
  }
  const trip = state.online === false ? state.trip + 1 : state.trip;
  const boots =
    status.bootSeq === undefined || state.boots.includes(status.bootSeq)
      ? state.boots
      : [...state.boots, status.bootSeq].slice(-MAX_BOOTS);
  return {
    state: { ...state, online: true, offlineSince: null, trip, resumed: state.online === false, boots },
    events,
  };
}

/**
 * The one rule that needs a clock outside the van: a van that is online yet sends nothing
 * is silent. `observedAt` is SERVER wall time fed by the engine's periodic tick, compared
 * only with `lastArrivalAt` (server time too), so device-clock skew cannot fake or hide it.
 * Its episode is dated in device time: it began at the last reading; it was detected that
 * reading's time plus the silence observed.
 */
export function tickVan(
  state: VanRuleState,
  observedAt: number,
  settings: RuleSettings,
): RuleStep<VanRuleState> {
  if (
    state.online === false ||
    state.silentSince !== null ||
    state.lastArrivalAt === null ||
    state.deviceNow === null
  )
    return { state, events: [] };
  const silentFor = observedAt - state.lastArrivalAt;
  if (silentFor <= settings.recorderSilentMs) return { state, events: [] };
  const event: RuleEvent = {
    type: 'raise',
    van: state.van,
    compartment: null,
    kind: 'recorder-silent',
    severity: SEVERITY_OF['recorder-silent'],
    startedAt: state.deviceNow,
    detectedAt: state.deviceNow + silentFor,
    limit: null,
    peak: null,
  };
  return { state: { ...state, silentSince: state.deviceNow }, events: [event] };
}
