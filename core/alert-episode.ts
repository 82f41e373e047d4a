import { z } from 'zod';
import { AckReason, AlertKind, AlertSeverity, AlertState } from './messages.ts';

/** Who acknowledged an alert, when (device or server time, ms), why. */
export const Acknowledgement = z.strictObject({
  by: z.string(),
  at: z.number(),
  reason: AckReason,
  text: z.string().optional(),
});
export type Acknowledgement = z.infer<typeof Acknowledgement>;

/** One kept transition of an alert's lifecycle (the corrective-action record). */
export const AlertTransition = z.strictObject({
  to: z.union([AlertState, z.enum(['escalated', 'reminded'])]),
  at: z.number(),
  by: z.string().optional(),
  reason: AckReason.optional(),
  text: z.string().optional(),
});
export type AlertTransition = z.infer<typeof AlertTransition>;

/**
 * An alert is an episode, never one row per bad sample: it opens when a rule's condition
 * holds, may be acknowledged, and resolves when the condition clears. A zod schema because
 * episodes travel between services (core/ops-messages.ts).
 */
export const AlertEpisode = z.strictObject({
  id: z.string().min(1).max(64),
  van: z.string(),
  compartment: z.string().nullable(),
  kind: AlertKind,
  severity: AlertSeverity,
  state: AlertState,
  /** Device time the condition began. */
  startedAt: z.number(),
  /** Device time the rule saw enough to raise it. */
  detectedAt: z.number(),
  resolvedAt: z.number().nullable(),
  /** °C limit in force, for temperature alerts. */
  limit: z.number().nullable(),
  /** Warmest temperature seen during the episode, °C. */
  peak: z.number().nullable(),
  acknowledgement: Acknowledgement.nullable(),
  transitions: z.array(AlertTransition),
  /**
   * The episode that opened this one's cause (core/alerts/alert-causes.ts): excursion, severe
   * and cumulative of one compartment open together are one breach, acknowledged once.
   * Absent on episodes stored before causes existed (their own id then).
   */
  cause: z.string().min(1).max(64).optional(),
});
export type AlertEpisode = z.infer<typeof AlertEpisode>;
