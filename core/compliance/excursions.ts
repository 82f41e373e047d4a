import { emptyCompartmentRules, stepReefer, stepTemperature } from '../alerts/compartment-rules.ts';
import type { RuleEvent } from '../alerts/rule-event.ts';
import { timeAboveThrough } from '../alerts/cumulative-rule.ts';
import type { ProductProfile } from '../product-profiles.ts';
import type { ReeferReading, TemperatureReading } from '../readings.ts';
import type { RuleSettings } from '../rule-settings.ts';

export type BreachKind = 'excursion' | 'severe' | 'cumulative';

/** A breach of the load's limit on one sensor, as the alert rules define it. Times ms, °C. */
export interface Excursion {
  kind: BreachKind;
  /** The sensor whose records prove it. */
  sensor: string;
  /** First record above the threshold (cumulative: first record above the limit). */
  start: number;
  /** When the rules saw enough to call it a breach (after the delay, or the budget spent). */
  detectedAt: number;
  /** When the rules cleared it; the delivery if it was still open then (`openAtDelivery`). */
  end: number;
  openAtDelivery: boolean;
  peak: number | null;
}

export interface ExcursionResult {
  excursions: Excursion[];
  /** Time above the load's limit that the sensor's records vouch for, ms (the cumulative rule's count). */
  timeAboveLimitMs: number;
}

const BREACHES: ReadonlySet<string> = new Set<BreachKind>(['excursion', 'severe', 'cumulative']);

/**
 * Replays the alert rules themselves (core/alerts/compartment-rules.ts) over one sensor's
 * records of the load's period, at the load's own limit, with the load as the cumulative
 * period and the sensor's recording interval over the period: an alert and a certificate
 * cannot disagree on what an excursion is (same delay, hysteresis, budget, severe threshold
 * — frozen above −15 °C at once — bounded defrost suppression, and what a record vouches for).
 */
export function findExcursions(
  temperatures: readonly TemperatureReading[],
  reefer: readonly ReeferReading[],
  profile: ProductProfile,
  settings: RuleSettings,
  period: { id: string; to: number },
  sensor: { id: string; intervalMs: number },
): ExcursionResult {
  const mine = temperatures.filter((t) => t.sensor === sensor.id);
  const merged = [...mine, ...reefer].sort((a, b) => a.ts - b.ts || a.seq - b.seq);
  const state = emptyCompartmentRules('load');
  const open = new Map<BreachKind, Excursion>();
  const done: Excursion[] = [];
  const ctx = {
    van: 'load',
    settings,
    profile,
    period: period.id,
    gapCovered: true,
    intervalOf: () => sensor.intervalMs,
  };
  for (const r of merged) {
    if (r.kind === 'reefer') {
      stepReefer(state, { ts: r.ts, defrosting: r.state === 'defrost' });
      continue;
    }
    const events: RuleEvent[] = [];
    stepTemperature(state, r, ctx, events);
    for (const e of events) {
      if (!BREACHES.has(e.kind)) continue;
      const kind = e.kind as BreachKind;
      if (e.type === 'raise') {
        open.set(kind, {
          kind,
          sensor: sensor.id,
          start: e.startedAt,
          detectedAt: e.detectedAt,
          end: period.to,
          openAtDelivery: true,
          peak: e.peak,
        });
      } else {
        const x = open.get(kind);
        if (!x) continue;
        open.delete(kind);
        done.push({ ...x, end: e.clearedAt, openAtDelivery: false, peak: e.peak ?? x.peak });
      }
    }
  }
  // Peaks of breaches still open at delivery: the warmest record since they began.
  for (const x of open.values()) {
    const since = mine.filter((t) => t.ts >= x.start).map((t) => t.celsius);
    done.push({ ...x, peak: since.length ? Math.max(...since) : x.peak });
  }
  done.sort((a, b) => a.start - b.start || a.kind.localeCompare(b.kind));
  const cumulative = state.sensors[sensor.id]?.cumulative;
  return {
    excursions: done,
    timeAboveLimitMs: cumulative ? timeAboveThrough(cumulative, period.to, sensor.intervalMs) : 0,
  };
}
