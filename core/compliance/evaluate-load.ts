import type { AlertEpisode } from '../alert-episode.ts';
import { severeParams } from '../alerts/compartment-rules.ts';
import type { Load } from '../loads/load.ts';
import type { ProductProfile } from '../product-profiles.ts';
import type { DoorReading, Reading, ReeferReading, TemperatureReading } from '../readings.ts';
import { RULE_SET_VERSION, type RuleSettings } from '../rule-settings.ts';
import {
  VERDICT_RANK,
  type CertificateAlert,
  type ComplianceReport,
  type SensorReport,
  type TemperatureStats,
  type Verdict,
} from './compliance-report.ts';
import { findGaps } from './data-gaps.ts';
import { summariseDoors } from './door-openings.ts';
import { findExcursions } from './excursions.ts';
import { meanKineticTemperature } from './mean-kinetic-temperature.ts';
import { recordCompleteness } from './record-completeness.ts';
import { maxRecordingIntervalMs, observedIntervalMs } from './recording-interval.ts';

export type EvaluatedLoad = Pick<Load, 'id' | 'van' | 'compartment'> & {
  pickedUpAt: number;
  deliveredAt: number;
};

function stats(celsius: readonly number[]): TemperatureStats {
  if (celsius.length === 0) return { count: 0, min: null, max: null, mean: null, mkt: null };
  return {
    count: celsius.length,
    min: Math.min(...celsius),
    max: Math.max(...celsius),
    mean: celsius.reduce((a, c) => a + c, 0) / celsius.length,
    mkt: meanKineticTemperature(celsius),
  };
}

const toCertificateAlert = (a: AlertEpisode): CertificateAlert => ({
  id: a.id,
  kind: a.kind,
  severity: a.severity,
  state: a.state,
  startedAt: a.startedAt,
  resolvedAt: a.resolvedAt,
  limit: a.limit,
  peak: a.peak,
  acknowledgement: a.acknowledgement,
});

/** What the evaluation knows beyond the period's readings: whether the record after them has arrived. */
export interface EvaluationContext {
  /** The store holds the van's record numbered right after the highest one dated in the period. */
  nextSeqReceived: boolean;
}

const worstFirst = (a: SensorReport, b: SensorReport) =>
  VERDICT_RANK[b.verdict] - VERDICT_RANK[a.verdict] ||
  b.timeAboveLimitMs - a.timeAboveLimitMs ||
  (b.temperature.max ?? -Infinity) - (a.temperature.max ?? -Infinity) ||
  a.sensor.localeCompare(b.sensor);

/**
 * The compliance evaluation of one load: pure, `(readings, load, profile, settings) → report`.
 * `readings` are the van's, any kind; only the load's compartment between pickup and delivery
 * (both inclusive) counts, each temperature sensor judged on its own series (issue 10). The
 * verdict is the worst sensor's, and that sensor is named. `alerts` are the compartment's
 * episodes, quoted as they are.
 */
export function evaluateLoad(
  readings: readonly Reading[],
  load: EvaluatedLoad,
  profile: ProductProfile,
  settings: RuleSettings,
  alerts: readonly AlertEpisode[] = [],
  context: EvaluationContext = { nextSeqReceived: false },
): ComplianceReport {
  const from = load.pickedUpAt;
  const to = load.deliveredAt;
  const inPeriod = readings.filter((r) => r.ts >= from && r.ts <= to);
  const mine = inPeriod
    .filter((r) => 'compartment' in r && r.compartment === load.compartment)
    .sort((a, b) => a.ts - b.ts || a.seq - b.seq);
  const temps = mine.filter((r): r is TemperatureReading => r.kind === 'temperature');
  const doors = mine.filter((r): r is DoorReading => r.kind === 'door');
  const reefer = mine.filter((r): r is ReeferReading => r.kind === 'reefer');
  const maxAllowedMs = maxRecordingIntervalMs(to - from, settings.recorderSilentMs);

  const sensors: SensorReport[] = [...new Set(temps.map((t) => t.sensor))].sort().map((sensor) => {
    const series = temps.filter((t) => t.sensor === sensor);
    const ts = series.map((t) => t.ts);
    const observedMs = observedIntervalMs(ts);
    const vouchedMs = observedMs ?? maxAllowedMs;
    const { excursions, timeAboveLimitMs } = findExcursions(
      series,
      reefer,
      profile,
      settings,
      { id: load.id, to },
      { id: sensor, intervalMs: vouchedMs },
    );
    const gaps = findGaps(ts, from, to, vouchedMs, sensor);
    const verdict: Verdict =
      excursions.length > 0 ? 'non-compliant' : gaps.length > 0 ? 'incomplete' : 'compliant';
    return {
      sensor,
      verdict,
      recordingInterval: { observedMs, vouchedMs },
      temperature: stats(series.map((t) => t.celsius)),
      timeAboveLimitMs,
      excursions,
      gaps,
    };
  });
  const deciding = [...sensors].sort(worstFirst)[0];
  const severe = profile.maxCelsius === null ? null : severeParams(profile, settings);

  return {
    verdict: deciding?.verdict ?? 'incomplete',
    decidingSensor: deciding?.sensor ?? null,
    limit: {
      profile: profile.id,
      name: profile.name,
      maxCelsius: profile.maxCelsius,
      toleranceCelsius: profile.toleranceCelsius,
      legalSource: profile.legalSource,
      measured: 'air',
    },
    ruleSetVersion: RULE_SET_VERSION,
    thresholds: {
      excursionDelayMs: settings.excursionDelayMs,
      cumulativeBudgetMs: settings.cumulativeBudgetMs,
      severeCelsius: severe?.threshold ?? null,
      severeDelayMs: severe?.delayMs ?? 0,
    },
    period: { from, to, durationMs: to - from },
    recorder: { van: load.van, compartment: load.compartment, sensors: sensors.map((s) => s.sensor) },
    recordingInterval: { observedMs: deciding?.recordingInterval.observedMs ?? null, maxAllowedMs },
    temperature: stats(temps.map((t) => t.celsius)),
    timeAboveLimitMs: Math.max(0, ...sensors.map((s) => s.timeAboveLimitMs)),
    excursions: sensors
      .flatMap((s) => s.excursions)
      .sort((a, b) => a.start - b.start || a.kind.localeCompare(b.kind) || a.sensor.localeCompare(b.sensor)),
    doors: summariseDoors(doors, from, to),
    gaps:
      sensors.length === 0
        ? findGaps([], from, to, maxAllowedMs, null)
        : sensors
            .flatMap((s) => s.gaps)
            .sort((a, b) => a.from - b.from || (a.sensor ?? '').localeCompare(b.sensor ?? '')),
    sensors,
    records: recordCompleteness(
      inPeriod.map((r) => r.seq),
      context.nextSeqReceived,
    ),
    alerts: alerts
      .filter(
        (a) => a.compartment === load.compartment && a.startedAt <= to && (a.resolvedAt ?? Infinity) >= from,
      )
      .sort((a, b) => a.startedAt - b.startedAt || a.id.localeCompare(b.id))
      .map(toCertificateAlert),
  };
}
