import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Principal } from '../../core/people/principal.ts';
import { GivreError } from '../../platform/errors.ts';
import type { Session } from '../../state/session-repository.ts';
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

/** API routes past this point need a session: 401 JSON otherwise (pages redirect instead, `pageGate`). */
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

/** The HTML pages that show data; without a session they send the browser to `/login`. */
const PAGES = [/^\/$/, /^\/driver\/[^/]+$/, /^\/loads$/, /^\/associations\/[^/]+$/, /^\/admin$/];
PAGES.push(/^\/alerts$/, /^\/map$/); // issue 12: the alert log and the map

export function pageGate(auth: AuthFeature | undefined): RequestHandler {
  return (req, res, next) => {
    if (!auth || req.method !== 'GET' || !PAGES.some((p) => p.test(req.path))) return next();
    if (maybePrincipalOf(req)) return next();
    res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
  };
}
