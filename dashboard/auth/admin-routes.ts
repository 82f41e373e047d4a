import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { can, type Action } from '../../core/people/authz.ts';
import { Username } from '../../core/people/principal.ts';
import { GivreError } from '../../platform/errors.ts';
import type { AuditAction } from '../../state/audit-log.ts';
import { methodNotAllowed } from '../http-errors.ts';
import { parse } from '../loads/load-routes.ts';
import type { AuthFeature } from './auth-feature.ts';
import { principalOf } from './principal-of.ts';
import { provisionUser } from './user-provisioning.ts';

const NewUserBody = z.strictObject({
  username: z.string().max(64),
  role: z.string().max(32),
  vans: z.array(z.string().max(32)).max(100).optional(),
  association: z.string().max(64).nullable().optional(),
  password: z.string().max(256).optional(),
});

const AuditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  before: z.coerce.number().int().min(1).optional(),
  actor: z.string().max(64).optional(),
  action: z.string().max(32).optional(),
});

const only =
  (action: Action): RequestHandler =>
  (req, _res, next) =>
    next(can(principalOf(req), action) ? undefined : new GivreError('GIVRE_ERR_FORBIDDEN'));

/** Admin only (issue 4): users (`/api/users`) and the audit log (`/api/audit`). */
export function adminRoutes(auth: AuthFeature): Router {
  const router = Router();
  router
    .route('/users')
    .get(only('users:manage'), (_req, res) => void res.json(auth.users.list()))
    .post(only('users:manage'), async (req, res) => {
      const body = parse(NewUserBody, req.body ?? {}, 'body');
      const at = auth.now();
      const password = await provisionUser(auth.users, body, {
        origin: 'admin',
        now: at,
        associations: auth.associations,
      });
      const { password: _given, ...details } = body;
      auth.audit.record({
        at,
        actor: principalOf(req).username,
        action: 'user-add',
        target: body.username,
        details,
      });
      // The password is shown once, to the admin who hands it over; only its hash is kept.
      res.status(201).json({ user: auth.users.list().find((u) => u.username === body.username), password });
    })
    .all(methodNotAllowed);
  router
    .route('/users/:username/disable')
    .post(only('users:manage'), (req, res) => {
      const username = parse(Username, req.params.username, 'username');
      const me = principalOf(req).username;
      if (username === me) throw new GivreError('GIVRE_ERR_CONFLICT', 'an admin cannot disable themselves');
      const at = auth.now();
      if (!auth.users.disable(username, at))
        throw new GivreError('GIVRE_ERR_NOT_FOUND', `no active user ${username}`);
      auth.sessions.deleteForUser(username);
      auth.audit.record({ at, actor: me, action: 'user-disable', target: username, details: {} });
      res.json(auth.users.list().find((u) => u.username === username));
    })
    .all(methodNotAllowed);
  router
    .route('/audit')
    .get(only('audit:read'), (req, res) => {
      const q = parse(AuditQuery, req.query, 'query');
      res.json(
        auth.audit.list({
          limit: q.limit,
          ...(q.before ? { before: q.before } : {}),
          ...(q.actor ? { actor: q.actor } : {}),
          ...(q.action ? { action: q.action as AuditAction } : {}),
        }),
      );
    })
    .all(methodNotAllowed);
  return router;
}
