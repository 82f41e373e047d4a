import { z } from 'zod';
import { AlertKind, AlertSeverity } from '../messages.ts';

/**
 * `GET /api/fleet/loads` (issue 12): the loads on board the vans a person may see, each with
 * its standing so far (core/loads/standing-so-far.ts), for the fleet desk.
 */
export const OnBoardLoad = z.strictObject({
  id: z.string(),
  van: z.string(),
  compartment: z.string(),
  profile: z.string(),
  /** The profile's name as the installation defines it; `null` for a profile it no longer has. */
  profileName: z.strictObject({ fr: z.string(), en: z.string() }).nullable(),
  /** The load's own limit, °C; `null` for ambient goods. */
  maxCelsius: z.number().nullable(),
  recipient: z.strictObject({ id: z.string(), name: z.string() }),
  weightKg: z.number(),
  pickedUpAt: z.number().nullable(),
  standing: z.enum(['conforming', 'breached']),
  /** The alerts that breached it: kind, severity, device time it began, warmest °C. */
  breaches: z.array(
    z.strictObject({
      alertId: z.string(),
      kind: AlertKind,
      severity: AlertSeverity,
      startedAt: z.number(),
      peak: z.number().nullable(),
    }),
  ),
});
export type OnBoardLoad = z.infer<typeof OnBoardLoad>;

export const OnBoardLoads = z.array(OnBoardLoad);
