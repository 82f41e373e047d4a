import { Router } from 'express';
import { z } from 'zod';
import { VanId } from '../core/ids.ts';
import { AckReason, AlertKind, AlertSeverity, AlertState } from '../core/messages.ts';
import { GivreError } from '../platform/errors.ts';
import type { AlertService } from './alert-service.ts';
import { methodNotAllowed } from './http-errors.ts';

/** `from`/`to`: ms since 1970, or an ISO 8601 date-time. */
const instant = z.union([
  z.coerce.number().int().min(0),
  z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)),
]);

export const AlertQuery = z.strictObject({
  van: VanId.optional(),
  state: AlertState.optional(),
  severity: AlertSeverity.optional(),
  kind: AlertKind.optional(),
  from: instant.optional(),
  to: instant.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** No authentication yet (issue 4): `by` is who the person says they are, kept on record. */
export const AckBody = z.strictObject({
  reason: AckReason,
  text: z.string().trim().max(500).optional(),
  by: z.string().trim().min(1).max(100).optional(),
});

const AlertIdParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'alert id');

function parse<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.join('.') || what;
  throw new GivreError('GIVRE_ERR_BAD_REQUEST', `${path}: ${issue?.message ?? 'invalid'}`);
}

/** `/api/alerts`: history with filters, one alert with its transitions, and acknowledgement. */
export function alertRoutes(alerts: AlertService): Router {
  const router = Router();
  router
    .route('/alerts')
    .get((req, res) => {
      const q = parse(AlertQuery, req.query, 'query');
      res.json(
        alerts.list(Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as typeof q),
      );
    })
    .all(methodNotAllowed);
  router
    .route('/alerts/:id')
    .get((req, res) => {
      const id = parse(AlertIdParam, req.params.id, 'id');
      const episode = alerts.get(id);
      if (!episode) throw new GivreError('GIVRE_ERR_NOT_FOUND', `unknown alert ${id}`);
      res.json(episode);
    })
    .all(methodNotAllowed);
  router
    .route('/alerts/:id/ack')
    .post((req, res) => {
      const id = parse(AlertIdParam, req.params.id, 'id');
      const body = parse(AckBody, req.body ?? {}, 'body');
      const episode = alerts.acknowledge(id, {
        by: body.by ?? 'dashboard',
        reason: body.reason,
        ...(body.text ? { text: body.text } : {}),
      });
      res.json(episode);
    })
    .all(methodNotAllowed);
  return router;
}
