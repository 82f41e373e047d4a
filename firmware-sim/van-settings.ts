import { z } from 'zod';
import { VanId } from '../core/ids.ts';
import { GivreError } from '../platform/errors.ts';
import { SCENARIO_NAMES, ScenarioName } from './scenarios.ts';

/** EN 12830 / Reg. (EC) 37/2005: trips under 24 h need a record at least every 5 min. */
export const MAX_INTERVAL_S = 300;
export const DEFAULT_INTERVAL_S = 30;

export const VanSettings = z.object({
  van: VanId,
  url: z.string().min(1, 'a broker URL such as mqtt://127.0.0.1:1883'),
  scenario: ScenarioName,
  /** Any 32-bit unsigned integer. */
  seed: z
    .number()
    .int('a whole number')
    .min(0, 'from 0 to 2³²−1')
    .max(2 ** 32 - 1, 'from 0 to 2³²−1'),
  /** Device seconds per wall second. */
  speed: z.number().positive('more than 0').max(100_000, 'at most 100000'),
  /** Recording interval, seconds of device time. */
  intervalS: z
    .number()
    .min(1, 'at least 1 s')
    .max(MAX_INTERVAL_S, `at most ${MAX_INTERVAL_S} s (EN 12830: a record at least every 5 min)`),
});
export type VanSettings = z.infer<typeof VanSettings>;

/** Checks a van's settings; a wrong one is a `GIVRE_ERR_CONFIG` error naming it, in one line. */
export function checkVanSettings(input: Record<keyof VanSettings, unknown>): VanSettings {
  const parsed = VanSettings.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const name = String(issue?.path[0] ?? 'setting');
  const expected = name === 'scenario' ? `one of ${SCENARIO_NAMES.join(', ')}` : (issue?.message ?? 'valid');
  throw new GivreError(
    'GIVRE_ERR_CONFIG',
    `simulated van ${String(input.van)}: ${name}=${JSON.stringify(input[name as keyof VanSettings])} is invalid: expected ${expected}`,
  );
}
