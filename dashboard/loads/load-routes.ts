import type { LoadEventAnswer } from '../../core/api/loads.ts';
import { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import { DeliveryRecord, PickupRecord } from '../../core/loads/date-marking.ts';
import { LoadEventType, LoadStatus, PartyId, ReceptionCheck, type Load } from '../../core/loads/load.ts';
import { VanId } from '../../core/ids.ts';
import { can, type Action } from '../../core/people/authz.ts';
import { GivreError } from '../../platform/errors.ts';
import { NO_AUDIT, type AuditTrail } from '../auth/audit-trail.ts';
import { actorOf, principalOf } from '../auth/principal-of.ts';
import { scopedList } from '../auth/scoped-lists.ts';
import { methodNotAllowed } from '../http-errors.ts';
import type { LoadsFeature } from './loads-feature.ts';

const LoadQuery = z.strictObject({
  recipient: PartyId.optional(),
  van: VanId.optional(),
  status: LoadStatus.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/**
 * `by` counts only on a dashboard without users; otherwise the signed-in user is recorded
 * (issue 4). `pickup` (with `picked-up`: date marking, donor hand-over minutes) and `delivery`
 * (with `delivered` or `rejected`: charity hand-over minutes) are optional (issue 16): a
 * client that sends neither is served as before; one on the wrong event is refused.
 */
const EventBody = z.strictObject({
  type: LoadEventType,
  /** When it happened, ms since 1970 UTC; default now. */
  at: z
    .number()
    .int()
    .min(Date.UTC(2020, 0, 1))
    .max(Date.UTC(2100, 0, 1))
    .optional(),
  by: z.string().trim().min(1).max(100).optional(),
  reception: ReceptionCheck.optional(),
  pickup: PickupRecord.optional(),
  delivery: DeliveryRecord.optional(),
});
const Who = z.strictObject({ by: z.string().trim().min(1).max(100).optional() });

export const LoadIdParam = z.string().regex(/^LD-[A-Z0-9]{1,32}$/, 'load id');

export function parse<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new GivreError(
    'GIVRE_ERR_BAD_REQUEST',
    `${issue?.path.join('.') || what}: ${issue?.message ?? 'invalid'}`,
  );
}

/**
 * The load `id` if the person may see it — else 404, word for word what an unknown id gets,
 * so an association cannot learn that another association's load exists (issue 4).
 */
export function visibleLoad(f: LoadsFeature, req: Request, id: string): Load {
  const load = f.loads.get(id);
  if (!can(principalOf(req), 'load:read', { van: load.van, recipient: load.recipient.id }))
    throw new GivreError('GIVRE_ERR_NOT_FOUND', `unknown load ${id}`);
  return load;
}

/** 403 unless the person may do `action` to the load (which they can already see). */
export function requireOnLoad(req: Request, action: Action, load: Load): void {
  if (!can(principalOf(req), action, { van: load.van, recipient: load.recipient.id }))
    throw new GivreError('GIVRE_ERR_FORBIDDEN', `not allowed to change load ${load.id}`);
}

const newestFirst = (a: Load, b: Load) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1);

/** `/api/loads`: coordinators create, list and edit loads; drivers mark pickups and hand-overs. */
export function loadRoutes(f: LoadsFeature, audit: AuditTrail = NO_AUDIT): Router {
  const router = Router();
  const mayWrite: RequestHandler = (req, _res, next) =>
    next(can(principalOf(req), 'load:write') ? undefined : new GivreError('GIVRE_ERR_FORBIDDEN'));
  router
    .route('/loads')
    .get((req, res) => {
      const q = parse(LoadQuery, req.query, 'query');
      const filter = Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as typeof q;
      res.json(scopedList(principalOf(req), filter, (x) => f.loads.list(x), newestFirst, true));
    })
    .post(mayWrite, async (req, res) => {
      const { by, ...input } = (req.body ?? {}) as Record<string, unknown>;
      const who = parse(Who, { by }, 'by');
      const load = await f.loads.create(f.references.check(input), actorOf(req, who.by, 'coordinator'));
      audit(req, 'load-create', load.id, { van: load.van, recipient: load.recipient.id });
      res.status(201).json(load);
    })
    .all(methodNotAllowed);
  router
    .route('/loads/:id')
    .get((req, res) => {
      res.json(visibleLoad(f, req, parse(LoadIdParam, req.params.id, 'id')));
    })
    .put(async (req, res) => {
      const { by, ...input } = (req.body ?? {}) as Record<string, unknown>;
      const who = parse(Who, { by }, 'by');
      const id = parse(LoadIdParam, req.params.id, 'id');
      requireOnLoad(req, 'load:write', visibleLoad(f, req, id));
      const load = await f.loads.edit(id, f.references.check(input), actorOf(req, who.by, 'coordinator'));
      audit(req, 'load-edit', id, { van: load.van, recipient: load.recipient.id });
      res.json(load);
    })
    .all(methodNotAllowed);
  router
    .route('/loads/:id/events')
    .post(async (req, res) => {
      const id = parse(LoadIdParam, req.params.id, 'id');
      const e = parse(EventBody, req.body ?? {}, 'body');
      requireOnLoad(req, 'load:event', visibleLoad(f, req, id));
      const { load, certificate } = await f.loads.mark(id, {
        type: e.type,
        by: actorOf(req, e.by, 'dashboard'),
        ...(e.at !== undefined ? { at: e.at } : {}),
        ...(e.reception ? { reception: e.reception } : {}),
        ...(e.pickup ? { pickup: e.pickup } : {}),
        ...(e.delivery ? { delivery: e.delivery } : {}),
      });
      audit(req, 'load-event', id, { type: e.type, ...(e.reception ? { reception: e.reception } : {}) });
      const answer: LoadEventAnswer = {
        load,
        ...(certificate ? { certificate: certificate.certificate.id } : {}),
      };
      res.json(answer);
    })
    .all(methodNotAllowed);
  router
    .route('/load-choices')
    .get(mayWrite, (_req, res) => void res.json(f.references.choices()))
    .all(methodNotAllowed);
  router
    .route('/profiles')
    .get((_req, res) => {
      // Every signed-in role may read them (`profiles:read`): they name the products on every page.
      res.json(f.profiles);
    })
    .all(methodNotAllowed);
  return router;
}
