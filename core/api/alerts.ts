import { z } from 'zod';
import { AlertEpisode } from '../alert-episode.ts';
import { VanId } from '../ids.ts';
import { AckReason, AlertKind, AlertSeverity, AlertState } from '../messages.ts';

/** `from`/`to`: ms since 1970, or an ISO 8601 date-time. */
const instant = z.union([
  z.coerce.number().int().min(0),
  z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)),
]);

/** `GET /api/alerts?van=&state=&severity=&kind=&from=&to=&limit=`: the alert log's filters. */
export const AlertQuery = z.strictObject({
  van: VanId.optional(),
  state: AlertState.optional(),
  severity: AlertSeverity.optional(),
  kind: AlertKind.optional(),
  from: instant.optional(),
  to: instant.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
/** The log's filters as the page keeps them (`from`/`to`: device time of the start, ms). */
export type AlertLogFilter = Omit<z.output<typeof AlertQuery>, 'limit'>;

/** Its answer, newest first; `GET /api/alerts/{id}` and an acknowledgement answer one episode. */
export const AlertList = z.array(AlertEpisode);

/** `POST /api/alerts/{id}/ack`. `by` counts only on a dashboard without users; otherwise the signed-in user is recorded (issue 4). */
export const AckBody = z.strictObject({
  reason: AckReason,
  text: z.string().trim().max(500).optional(),
  by: z.string().trim().min(1).max(100).optional(),
});
export type AckBody = z.input<typeof AckBody>;
