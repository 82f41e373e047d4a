import { Router, type Request } from 'express';
import { z } from 'zod';
import { AckBody, AlertQuery } from '../core/api/alerts.ts';
import { can } from '../core/people/authz.ts';
import { GivreError } from '../platform/errors.ts';
import type { AlertService } from './alert-service.ts';
import { NO_AUDIT, type AuditTrail } from './auth/audit-trail.ts';
import { actorOf, principalOf } from './auth/principal-of.ts';
import { scopedList } from './auth/scoped-lists.ts';
import { methodNotAllowed } from './http-errors.ts';

const AlertIdParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'alert id');

function parse<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.join('.') || what;
  throw new GivreError('GIVRE_ERR_BAD_REQUEST', `${path}: ${issue?.message ?? 'invalid'}`);
}

/** `/api/alerts`: history with filters, one alert with its transitions, and acknowledgement. */
export function alertRoutes(alerts: AlertService, audit: AuditTrail = NO_AUDIT): Router {
  const router = Router();
  /** An alert of a van outside the person's scope is answered exactly as an unknown one. */
  const visible = (req: Request, id: string) => {
    const episode = alerts.get(id);
    if (!episode || !can(principalOf(req), 'van:read', { van: episode.van }))
      throw new GivreError('GIVRE_ERR_NOT_FOUND', `unknown alert ${id}`);
    return episode;
  };
  router
    .route('/alerts')
    .get((req, res) => {
      const q = parse(AlertQuery, req.query, 'query');
      const filter = Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as typeof q;
      res.json(
        scopedList(
          principalOf(req),
          filter,
          (f) => alerts.list(f),
          (a, b) => b.startedAt - a.startedAt || (a.id < b.id ? -1 : 1),
          false,
        ),
      );
    })
    .all(methodNotAllowed);
  router
    .route('/alerts/:id')
    .get((req, res) => {
      res.json(visible(req, parse(AlertIdParam, req.params.id, 'id')));
    })
    .all(methodNotAllowed);
  router
    .route('/alerts/:id/ack')
    .post(async (req, res) => {
      const id = parse(AlertIdParam, req.params.id, 'id');
      const { van } = visible(req, id);
      const body = parse(AckBody, req.body ?? {}, 'body');
      if (!can(principalOf(req), 'alert:ack', { van }))
        throw new GivreError('GIVRE_ERR_FORBIDDEN', `not allowed to acknowledge alerts of ${van}`);
      const episode = await alerts.acknowledge(id, {
        by: actorOf(req, body.by, 'dashboard'),
        reason: body.reason,
        ...(body.text ? { text: body.text } : {}),
      });
      audit(req, 'alert-ack', id, { van, reason: body.reason, ...(body.text ? { text: body.text } : {}) });
      res.json(episode);
    })
    .all(methodNotAllowed);
  return router;
}
