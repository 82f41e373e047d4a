import type { AlertKind, AlertSeverity } from '../messages.ts';

/**
 * What a rule says happened, in device time. The engine turns these into alert episodes
 * (core/alerts/alert-lifecycle.ts); a rule never decides ids, storage or delivery.
 */
export interface AlertRaised {
  type: 'raise';
  van: string;
  /** `null` for van-wide conditions (offline, battery, whole van silent). */
  compartment: string | null;
  kind: AlertKind;
  severity: AlertSeverity;
  /** Device time the condition began, ms. */
  startedAt: number;
  /** Device time the rule saw enough to raise it, ms. */
  detectedAt: number;
  /** °C limit in force, for temperature alerts. */
  limit: number | null;
  /** Warmest °C seen so far in the episode. */
  peak: number | null;
}

export interface AlertCleared {
  type: 'clear';
  van: string;
  compartment: string | null;
  kind: AlertKind;
  /** Device time the episode being cleared began, ms (identifies it with van, compartment, kind). */
  startedAt: number;
  /** Device time the condition was seen to be over, ms. */
  clearedAt: number;
  peak: number | null;
}

export type RuleEvent = AlertRaised | AlertCleared;

/** Which severity each kind carries: critical ones endanger food now and are escalated if nobody acts. */
export const SEVERITY_OF: Readonly<Record<AlertKind, AlertSeverity>> = Object.freeze({
  excursion: 'critical',
  severe: 'critical',
  cumulative: 'warning',
  'door-open': 'warning',
  'recorder-silent': 'warning',
  'van-offline': 'warning',
  'low-battery': 'warning',
});
