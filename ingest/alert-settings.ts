import { parseCompartmentProfiles, configLimitSource } from '../core/alerts/config-limit-source.ts';
import type { LimitSource } from '../core/limit-source.ts';
import { DEFAULT_PROFILES } from '../core/product-profiles.ts';
import type { RuleSettings } from '../core/rule-settings.ts';
import type { Config } from '../platform/config.ts';
import { GivreError } from '../platform/errors.ts';

const ms = (seconds: number) => Math.round(seconds * 1000);

/** The rule thresholds from GIVRE_ALERT_* (seconds in config, ms in the rules). */
export function ruleSettingsFrom(config: Config): RuleSettings {
  return Object.freeze({
    excursionDelayMs: ms(config.GIVRE_ALERT_EXCURSION_DELAY_S),
    clearMarginC: config.GIVRE_ALERT_CLEAR_MARGIN_C,
    clearHoldMs: ms(config.GIVRE_ALERT_CLEAR_HOLD_S),
    cumulativeBudgetMs: ms(config.GIVRE_ALERT_CUMULATIVE_BUDGET_S),
    severeChilledMarginC: config.GIVRE_ALERT_SEVERE_CHILLED_MARGIN_C,
    severeChilledDelayMs: ms(config.GIVRE_ALERT_SEVERE_CHILLED_DELAY_S),
    doorOpenMaxMs: ms(config.GIVRE_ALERT_DOOR_OPEN_MAX_S),
    recorderSilentMs: ms(config.GIVRE_ALERT_RECORDER_SILENT_S),
    lowBatteryPercent: config.GIVRE_ALERT_LOW_BATTERY_PERCENT,
    defrostMaxMs: ms(config.GIVRE_ALERT_DEFROST_MAX_S),
    reorderHoldMs: ms(config.GIVRE_ALERT_REORDER_HOLD_S),
    escalationDelayMs: ms(config.GIVRE_ALERT_ESCALATION_DELAY_S),
    escalationReminderMs: ms(config.GIVRE_ALERT_ESCALATION_REMINDER_S),
  });
}

/** The default LimitSource: GIVRE_COMPARTMENT_PROFILES; a profile id that does not exist stops start-up. */
export function configuredLimitSource(config: Config): LimitSource {
  try {
    return configLimitSource(parseCompartmentProfiles(config.GIVRE_COMPARTMENT_PROFILES, DEFAULT_PROFILES));
  } catch (err) {
    throw new GivreError(
      'GIVRE_ERR_CONFIG',
      `GIVRE_COMPARTMENT_PROFILES=${JSON.stringify(config.GIVRE_COMPARTMENT_PROFILES)} is invalid: ${(err as Error).message}`,
    );
  }
}
