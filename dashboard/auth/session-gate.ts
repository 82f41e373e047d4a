import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Principal } from '../../core/people/principal.ts';
import { GivreError } from '../../platform/errors.ts';
import { passwordStamp, type Session } from '../../state/session-repository.ts';
import type { AuthFeature } from './auth-feature.ts';
import { readCookie, SESSION_COOKIE } from './cookies.ts';
import { maybePrincipalOf, OPEN_PRINCIPAL, setPrincipal } from './principal-of.ts';

export interface SignedIn {
  principal: Principal;
  sessionId: string;
  session: Session;
}

/** The person behind a `Cookie` header, if their session is live and they are not disabled. Shared with socket.io. */
export function signedInFrom(auth: AuthFeature, cookieHeader: string | undefined): SignedIn | undefined {
  const sessionId = readCookie(cookieHeader, SESSION_COOKIE);
  if (!sessionId) return undefined;
  const session = auth.sessions.touch(sessionId, auth.now());
  if (!session) return undefined;
  const user = auth.users.get(session.username);
  if (!user || user.disabledAt !== null) return undefined;
  // A password replaced since this session opened (issue 11, 5) ends it.
  if (session.passwordStamp !== passwordStamp(user.passwordHash)) return undefined;
  const principal = {
    username: user.username,
    role: user.role,
    vans: user.vans,
    association: user.association,
  };
  return { principal, sessionId, session };
}

const sessions = new WeakMap<Request, SignedIn>();
export const signedInOf = (req: Request) => sessions.get(req);

/** First middleware of the gate: who is asking (or everyone, when the dashboard has no users). */
export function identify(auth: AuthFeature | undefined): RequestHandler {
  return (req, _res, next) => {
    if (!auth) {
      setPrincipal(req, OPEN_PRINCIPAL);
      return next();
    }
    const signedIn = signedInFrom(auth, req.headers.cookie);
    if (signedIn) {
      sessions.set(req, signedIn);
      setPrincipal(req, signedIn.principal);
    }
    next();
  };
}

/** A route that needs a session before the gate (`/api/session`, `/api/logout`): 401 JSON otherwise. */
export const requireUser: RequestHandler = (req, _res, next) => {
  next(maybePrincipalOf(req) ? undefined : new GivreError('GIVRE_ERR_UNAUTHENTICATED'));
};

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF: every state-changing request carries the session's synchronizer token in
 * `X-CSRF-Token` (pages read it from `GET /api/session`). Another site can make a browser
 * send a request, but it can neither read the token nor set that header without CORS,
 * which Givre never grants. SameSite=Strict on the cookie is the second line.
 */
export const csrfGuard: RequestHandler = (req, _res, next) => {
  if (SAFE.has(req.method) || maybePrincipalOf(req)?.open) return next();
  const expected = signedInOf(req)?.session.csrfToken;
  const given = req.get('x-csrf-token');
  const ok =
    expected !== undefined &&
    given !== undefined &&
    given.length === expected.length &&
    timingSafeEqual(Buffer.from(given), Buffer.from(expected));
  next(ok ? undefined : new GivreError('GIVRE_ERR_CSRF'));
};

/** Is this request for the JSON API? Only chooses how to refuse it, never whether. */
const isApi = (req: Request) => /^\/api(\/|$)/i.test(req.path);

/**
 * THE gate (issue 11, 4): mounted after the public routes, before everything else, so every
 * route registered after it needs a signed-in person whatever the spelling of its path
 * (`/LOADS`, `/loads/`, `/admin/` all reach their route, and all come through here first).
 * Access is decided by where a route is mounted, never by matching path strings: a route
 * forgotten in a list cannot be public by mistake. Without a session a page (a GET that is
 * not the API) sends the browser to `/login`; anything else is 401 JSON.
 */
export function signInGate(auth: AuthFeature | undefined): RequestHandler {
  return (req, res, next) => {
    if (!auth || maybePrincipalOf(req)) return next();
    if ((req.method === 'GET' || req.method === 'HEAD') && !isApi(req))
      return void res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
    next(new GivreError('GIVRE_ERR_UNAUTHENTICATED'));
  };
}
