import type { AckReason, AlertKind, AlertSeverity, AlertState } from './messages.ts';

/** Who acknowledged an alert, when (device or server time, ms), why. */
export interface Acknowledgement {
  by: string;
  at: number;
  reason: AckReason;
  text?: string;
}

/** One kept transition of an alert's lifecycle (the corrective-action record). */
export interface AlertTransition {
  to: AlertState | 'escalated' | 'reminded';
  at: number;
  by?: string;
  reason?: AckReason;
  text?: string;
}

/**
 * An alert is an episode, never one row per bad sample: it opens when a rule's condition
 * holds, may be acknowledged, and resolves when the condition clears.
 */
export interface AlertEpisode {
  id: string;
  van: string;
  compartment: string | null;
  kind: AlertKind;
  severity: AlertSeverity;
  state: AlertState;
  /** Device time the condition began. */
  startedAt: number;
  /** Device time the rule saw enough to raise it. */
  detectedAt: number;
  resolvedAt: number | null;
  /** °C limit in force, for temperature alerts. */
  limit: number | null;
  /** Warmest temperature seen during the episode, °C. */
  peak: number | null;
  acknowledgement: Acknowledgement | null;
  transitions: AlertTransition[];
}
