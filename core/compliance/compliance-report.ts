import type { AlertEpisode } from '../alert-episode.ts';
import type { DataGap } from './data-gaps.ts';
import type { DoorSummary } from './door-openings.ts';
import type { Excursion } from './excursions.ts';

/**
 * compliant: every record within the limit as the alert rules judge it, and no gap;
 * non-compliant: at least one breach (excursion, severe or cumulative);
 * incomplete: no breach seen, but a gap longer than the recording interval allows, so the
 * product's temperature during it cannot be vouched for.
 */
export type Verdict = 'compliant' | 'non-compliant' | 'incomplete';

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

/** What a certificate states about one load (DESIGN.md §6). Times ms since 1970 UTC. */
export interface ComplianceReport {
  verdict: Verdict;
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
  recordingInterval: { observedMs: number | null; maxAllowedMs: number };
  temperature: TemperatureStats;
  timeAboveLimitMs: number;
  excursions: Excursion[];
  doors: DoorSummary;
  gaps: DataGap[];
  alerts: CertificateAlert[];
}
