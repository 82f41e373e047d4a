import { Router } from 'express';
import { z } from 'zod';
import { hashSecret, verifySecret } from '../../platform/secret-hash.ts';
import { GivreError } from '../../platform/errors.ts';
import { methodNotAllowed } from '../http-errors.ts';
import { isSameOrigin } from '../same-origin.ts';
import type { AuthFeature } from './auth-feature.ts';
import { clearedSessionCookie, sessionCookie } from './cookies.ts';
import { ADDRESS_THROTTLE, USER_THROTTLE } from '../../state/login-attempt-repository.ts';
import { passwordStamp } from '../../state/session-repository.ts';
import { maybePrincipalOf } from './principal-of.ts';
import { csrfGuard, requireUser, signedInOf } from './session-gate.ts';

const Login = z.strictObject({
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(256),
});

/** Compared against when the username is unknown, so that timing does not tell which names exist. */
let decoy: Promise<string> | undefined;

/**
 * `POST /api/login`, `POST /api/logout`, `GET /api/session`. Login has no session yet, so no
 * synchronizer token: it is protected instead by the Origin check (a browser always sends
 * `Origin` on a POST; it must be this host) and by accepting only a JSON body, which a
 * cross-site form cannot send without a CORS preflight that Givre never answers.
 */
export function authRoutes(auth: AuthFeature | undefined, publicOrigin?: string): Router {
  const router = Router();
  router
    .route('/login')
    .post(async (req, res) => {
      if (!auth) throw new GivreError('GIVRE_ERR_NOT_FOUND', 'this dashboard has no users');
      if (!isSameOrigin(req, publicOrigin))
        throw new GivreError('GIVRE_ERR_CSRF', 'cross-site sign-in refused');
      const parsed = Login.safeParse(req.body ?? {});
      if (!parsed.success) throw new GivreError('GIVRE_ERR_BAD_REQUEST', 'expected {"username", "password"}');
      const { username, password } = parsed.data;
      const address = req.socket.remoteAddress ?? '?';
      // Issue 11 (1): the attempt is taken, and counted, before the slow hash; while one check
      // runs for this name or this address, any other gets 429 without touching scrypt.
      const attempt = auth.attempts.begin(
        [
          { key: `user:${username}`, rule: USER_THROTTLE, clearOnSuccess: true },
          { key: `ip:${address}`, rule: ADDRESS_THROTTLE, clearOnSuccess: false },
        ],
        auth.now(),
      );
      if (!('settle' in attempt)) {
        res.setHeader('Retry-After', String(Math.max(1, Math.ceil(attempt.retryAfterMs / 1000))));
        throw new GivreError(
          'GIVRE_ERR_RATE_LIMITED',
          attempt.reason === 'busy'
            ? 'another sign-in for this name or address is being checked; try again in a moment'
            : undefined,
        );
      }
      let ok = false;
      let user: ReturnType<typeof auth.users.get>;
      try {
        user = auth.users.get(username);
        decoy ??= hashSecret('not a password');
        ok = (await verifySecret(password, user?.passwordHash ?? (await decoy))) && user?.disabledAt === null;
      } finally {
        attempt.settle(ok, auth.now());
      }
      const at = auth.now();
      if (!user || !ok) {
        auth.audit.record({
          at,
          actor: username,
          action: 'login-failed',
          target: null,
          details: { ip: req.socket.remoteAddress ?? null, ...(user?.disabledAt ? { disabled: true } : {}) },
        });
        throw new GivreError('GIVRE_ERR_BAD_CREDENTIALS');
      }
      // A fresh id at every sign-in: a session id planted before login is worthless after it.
      const before = signedInOf(req);
      if (before) auth.sessions.delete(before.sessionId);
      const { id, session } = auth.sessions.create(user.username, at, passwordStamp(user.passwordHash));
      auth.audit.record({
        at,
        actor: user.username,
        action: 'login',
        target: null,
        details: { ip: req.socket.remoteAddress ?? null },
      });
      res.setHeader('Set-Cookie', sessionCookie(id, auth.secureCookies || req.secure));
      res.json({
        user: { username: user.username, role: user.role, vans: user.vans, association: user.association },
        csrfToken: session.csrfToken,
      });
    })
    .all(methodNotAllowed);
  router
    .route('/session')
    .get(requireUser, (req, res) => {
      const principal = maybePrincipalOf(req);
      const { open, ...user } = principal ?? {};
      res.json({ user, csrfToken: signedInOf(req)?.session.csrfToken ?? null, open: open === true });
    })
    .all(methodNotAllowed);
  router
    .route('/logout')
    .post(requireUser, csrfGuard, (req, res) => {
      const signedIn = signedInOf(req);
      if (auth && signedIn) {
        auth.sessions.delete(signedIn.sessionId);
        auth.audit.record({
          at: auth.now(),
          actor: signedIn.principal.username,
          action: 'logout',
          target: null,
          details: {},
        });
      }
      res.setHeader('Set-Cookie', clearedSessionCookie(auth?.secureCookies === true || req.secure));
      res.status(204).end();
    })
    .all(methodNotAllowed);
  return router;
}
