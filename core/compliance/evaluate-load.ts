import type { AlertEpisode } from '../alert-episode.ts';
import { severeParams } from '../alerts/compartment-rules.ts';
import type { Load } from '../loads/load.ts';
import type { ProductProfile } from '../product-profiles.ts';
import type { DoorReading, Reading, ReeferReading, TemperatureReading } from '../readings.ts';
import { RULE_SET_VERSION, type RuleSettings } from '../rule-settings.ts';
import type { CertificateAlert, ComplianceReport, TemperatureStats, Verdict } from './compliance-report.ts';
import { findGaps } from './data-gaps.ts';
import { summariseDoors } from './door-openings.ts';
import { findExcursions } from './excursions.ts';
import { meanKineticTemperature } from './mean-kinetic-temperature.ts';
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

/**
 * The compliance evaluation of one load: pure, `(readings, load, profile, settings) → report`.
 * `readings` are the van's, any kind; only the load's compartment between pickup and delivery
 * (both inclusive) counts. `alerts` are the compartment's episodes, quoted as they are.
 */
export function evaluateLoad(
  readings: readonly Reading[],
  load: EvaluatedLoad,
  profile: ProductProfile,
  settings: RuleSettings,
  alerts: readonly AlertEpisode[] = [],
): ComplianceReport {
  const from = load.pickedUpAt;
  const to = load.deliveredAt;
  const mine = readings
    .filter((r) => 'compartment' in r && r.compartment === load.compartment && r.ts >= from && r.ts <= to)
    .sort((a, b) => a.ts - b.ts || a.seq - b.seq);
  const temps = mine.filter((r): r is TemperatureReading => r.kind === 'temperature');
  const doors = mine.filter((r): r is DoorReading => r.kind === 'door');
  const reefer = mine.filter((r): r is ReeferReading => r.kind === 'reefer');
  const ts = temps.map((t) => t.ts);
  const maxAllowedMs = maxRecordingIntervalMs(to - from, settings.recorderSilentMs);

  const { excursions, timeAboveLimitMs } = findExcursions(temps, reefer, profile, settings, {
    id: load.id,
    to,
  });
  const gaps = findGaps(ts, from, to, maxAllowedMs);
  const verdict: Verdict =
    excursions.length > 0 ? 'non-compliant' : gaps.length > 0 ? 'incomplete' : 'compliant';
  const severe = profile.maxCelsius === null ? null : severeParams(profile, settings);

  return {
    verdict,
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
    recorder: {
      van: load.van,
      compartment: load.compartment,
      sensors: [...new Set(temps.map((t) => t.sensor))].sort(),
    },
    recordingInterval: { observedMs: observedIntervalMs(ts), maxAllowedMs },
    temperature: stats(temps.map((t) => t.celsius)),
    timeAboveLimitMs,
    excursions,
    doors: summariseDoors(doors, from, to),
    gaps,
    alerts: alerts
      .filter(
        (a) => a.compartment === load.compartment && a.startedAt <= to && (a.resolvedAt ?? Infinity) >= from,
      )
      .sort((a, b) => a.startedAt - b.startedAt)
      .map(toCertificateAlert),
  };
}
