import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { AuditAction, type AuditEntry } from '../../core/api/audit.ts';
import type { NewUserAnswer, UserSummary } from '../../core/api/users.ts';
import { can, type Action } from '../../core/people/authz.ts';
import { Username } from '../../core/people/principal.ts';
import { GivreError } from '../../platform/errors.ts';
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
  action: AuditAction.optional(),
});

const only =
  (action: Action): RequestHandler =>
  (req, _res, next) =>
    next(can(principalOf(req), action) ? undefined : new GivreError('GIVRE_ERR_FORBIDDEN'));

/**
 * Admin only (issue 4): users (`/api/users`: add, disable, re-enable) and the audit log
 * (`/api/audit`). Answers are typed by core/api/, which the admin page parses them with.
 */
export function adminRoutes(auth: AuthFeature): Router {
  const router = Router();
  const summary = (username: string): UserSummary => {
    const found = auth.users.list().find((u) => u.username === username);
    if (!found) throw new GivreError('GIVRE_ERR_NOT_FOUND', `no user ${username}`);
    return found;
  };
  router
    .route('/users')
    .get(only('users:manage'), (_req, res) => {
      const list: UserSummary[] = auth.users.list();
      res.json(list);
    })
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
      const answer: NewUserAnswer = { user: summary(body.username), password };
      res.status(201).json(answer);
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
      res.json(summary(username));
    })
    .all(methodNotAllowed);
  router
    .route('/users/:username/enable')
    .post(only('users:manage'), (req, res) => {
      const username = parse(Username, req.params.username, 'username');
      // Issue 12: signs in again with the password they had; their sessions ended when disabled.
      if (!auth.users.enable(username))
        throw new GivreError('GIVRE_ERR_NOT_FOUND', `no disabled user ${username}`);
      auth.audit.record({
        at: auth.now(),
        actor: principalOf(req).username,
        action: 'user-enable',
        target: username,
        details: {},
      });
      res.json(summary(username));
    })
    .all(methodNotAllowed);
  router
    .route('/audit')
    .get(only('audit:read'), (req, res) => {
      const q = parse(AuditQuery, req.query, 'query');
      const entries: AuditEntry[] = auth.audit.list({
        limit: q.limit,
        ...(q.before ? { before: q.before } : {}),
        ...(q.actor ? { actor: q.actor } : {}),
        ...(q.action ? { action: q.action } : {}),
      });
      res.json(entries);
    })
    .all(methodNotAllowed);
  return router;
}
