import type { AlertEpisode } from '../alert-episode.ts';
import type { DataGap } from './data-gaps.ts';
import type { DoorSummary } from './door-openings.ts';
import type { Excursion } from './excursions.ts';
import type { SeqRange } from './record-completeness.ts';

/**
 * compliant: every record within the limit as the alert rules judge it, and no gap;
 * non-compliant: at least one breach (excursion, severe or cumulative) proven by records;
 * incomplete: no breach proven, but some time of the period no record vouches for (a data
 * gap), so the product's temperature then cannot be vouched for.
 * Each sensor is judged on its own series; the load's verdict is the worst of its sensors'.
 */
export type Verdict = 'compliant' | 'non-compliant' | 'incomplete';

/** Worst first: the order in which sensors decide a load's verdict. */
export const VERDICT_RANK: Readonly<Record<Verdict, number>> = Object.freeze({
  'non-compliant': 2,
  incomplete: 1,
  compliant: 0,
});

/** An alert of the compartment during the load, with its acknowledgement: the corrective-action record. */
export type CertificateAlert = Pick<
  AlertEpisode,
  'id' | 'kind' | 'severity' | 'state' | 'startedAt' | 'resolvedAt' | 'limit' | 'peak' | 'acknowledgement'
>;

export interface TemperatureStats {
  /** Temperature records in the period. */
  count: number;
  /** °C; `null` without records. */
  min: number | null;
  max: number | null;
  mean: number | null;
  /** Mean kinetic temperature, °C (informative; ΔH/R = 10 000 K). */
  mkt: number | null;
}

/** One temperature sensor of the compartment, judged on its own series. */
export interface SensorReport {
  sensor: string;
  verdict: Verdict;
  /**
   * The interval this sensor records at (median between its records in the period, ms), and
   * the one each of its records vouches for: the same, or EN 12830's maximum with fewer than
   * two records.
   */
  recordingInterval: { observedMs: number | null; vouchedMs: number };
  temperature: TemperatureStats;
  /** Time above the load's limit that this sensor's records vouch for, ms. */
  timeAboveLimitMs: number;
  excursions: Excursion[];
  gaps: DataGap[];
}

/** Which records of the van's own numbering (`seq`) the evaluation has, over the load's period. */
export interface RecordCompleteness {
  /** Every record the van made from pickup through delivery is here (by `seq`). */
  complete: boolean;
  /** The van's record just after the period has arrived: nothing recorded before it is still on its way unseen. */
  tailReceived: boolean;
  /** Seqs inside the period's numbering that are missing, as inclusive ranges. */
  missing: SeqRange[];
}

/** What a certificate states about one load (DESIGN.md §6). Times ms since 1970 UTC. */
export interface ComplianceReport {
  verdict: Verdict;
  /** The sensor whose series decided the verdict (the worst); `null` without any record. */
  decidingSensor: string | null;
  limit: {
    profile: string;
    name: { fr: string; en: string };
    /** °C, legal maximum product temperature; `null` for ambient goods. */
    maxCelsius: number | null;
    /** °C a brief rise may reach in transport (quick-frozen food). */
    toleranceCelsius: number | null;
    legalSource: string;
    /** The van records air temperature (Reg. (EC) 37/2005), not product temperature. */
    measured: 'air';
  };
  ruleSetVersion: string;
  /** The thresholds the rules used, ms and °C. */
  thresholds: {
    excursionDelayMs: number;
    cumulativeBudgetMs: number;
    severeCelsius: number | null;
    severeDelayMs: number;
  };
  period: { from: number; to: number; durationMs: number };
  recorder: { van: string; compartment: string; sensors: string[] };
  /** The deciding sensor's interval, and the most EN 12830 allows between records for this trip. */
  recordingInterval: { observedMs: number | null; maxAllowedMs: number };
  /** Every sensor's records together (the compartment's range); each sensor's own in `sensors`. */
  temperature: TemperatureStats;
  /** The most time above the limit any one sensor's records vouch for, ms (each sensor's own in `sensors`). */
  timeAboveLimitMs: number;
  /** Every sensor's breaches, each naming its sensor, in time order. */
  excursions: Excursion[];
  doors: DoorSummary;
  /** Every sensor's data gaps, each naming its sensor (`null`: no sensor recorded at all), in time order. */
  gaps: DataGap[];
  sensors: SensorReport[];
  records: RecordCompleteness;
  alerts: CertificateAlert[];
}
