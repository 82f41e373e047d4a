import { z } from 'zod';

const minutes = (n: number) => n * 60_000;

/**
 * Thresholds shared by the alert rules and the compliance evaluation, so that an alert and a
 * certificate never disagree. Durations in ms of device time, temperatures in °C.
 * Bump RULE_SET_VERSION whenever a default or a rule's meaning changes: certificates quote it.
 */
export const RULE_SET_VERSION = 'givre-rules/2';

export const RuleSettings = z.strictObject({
  /** Above the limit continuously for longer than this raises an excursion (door openings while loading are normal). */
  excursionDelayMs: z.number().int().min(0),
  /** Clearing needs the temperature below (limit − margin)… */
  clearMarginC: z.number().min(0),
  /** …continuously for this long (hysteresis: a temperature hovering at the limit makes one episode). */
  clearHoldMs: z.number().int().min(0),
  /** Total time above the limit during a load beyond which it is a cumulative breach. */
  cumulativeBudgetMs: z.number().int().min(0),
  /** Chilled: this far above the limit… */
  severeChilledMarginC: z.number().min(0),
  /** …for this long is severe. */
  severeChilledDelayMs: z.number().int().min(0),
  /** A door open longer than this alerts. */
  doorOpenMaxMs: z.number().int().min(0),
  /** No reading for longer than this: recorder silent (EN 12830: at most 5 min between records). */
  recorderSilentMs: z.number().int().min(0),
  /** Battery below this percent alerts. */
  lowBatteryPercent: z.number().min(0).max(100),
  /** A defrost cycle suppresses excursion alerts for at most this long. */
  defrostMaxMs: z.number().int().min(0),
  /**
   * SERVER time a van's readings wait for records numbered before them (`seq`) that have not
   * arrived yet, so that batches arriving out of order are judged in recording order; past it
   * the rules go on without them (they are judged as late when they come).
   */
  reorderHoldMs: z.number().int().min(0),
  /** A critical alert not acknowledged within this is escalated to coordinators… */
  escalationDelayMs: z.number().int().min(0),
  /** …and reminded at this interval until acknowledged. */
  escalationReminderMs: z.number().int().min(0),
});
export type RuleSettings = z.infer<typeof RuleSettings>;

export const DEFAULT_RULE_SETTINGS: RuleSettings = Object.freeze({
  excursionDelayMs: minutes(15),
  clearMarginC: 0.5,
  clearHoldMs: minutes(5),
  cumulativeBudgetMs: minutes(30),
  severeChilledMarginC: 3,
  severeChilledDelayMs: minutes(5),
  doorOpenMaxMs: minutes(10),
  recorderSilentMs: minutes(5),
  lowBatteryPercent: 20,
  defrostMaxMs: minutes(45),
  reorderHoldMs: 30_000,
  escalationDelayMs: minutes(10),
  escalationReminderMs: minutes(10),
});
