import type { Request } from 'express';
import type { RequestPrincipal } from '../../core/people/principal.ts';
import { GivreError } from '../../platform/errors.ts';

/**
 * The signed-in person of a request, set by the session middleware. In a dashboard built
 * without users (`auth` absent: tests of other features, and `givre dashboard` alone until
 * it shares the state store) every request is `OPEN_PRINCIPAL`, who may do anything and is
 * recorded under the name the request gives (`by`).
 */
export type { RequestPrincipal };

export const OPEN_PRINCIPAL: RequestPrincipal = Object.freeze({
  username: 'dashboard',
  role: 'admin',
  vans: [],
  association: null,
  open: true,
});

const principals = new WeakMap<Request, RequestPrincipal>();

export function setPrincipal(req: Request, principal: RequestPrincipal): void {
  principals.set(req, principal);
}

export function maybePrincipalOf(req: Request): RequestPrincipal | undefined {
  return principals.get(req);
}

/** Behind the API gate a principal is always set; its absence is a wiring bug, answered 401 anyway. */
export function principalOf(req: Request): RequestPrincipal {
  const p = principals.get(req);
  if (!p) throw new GivreError('GIVRE_ERR_UNAUTHENTICATED');
  return p;
}

/** Who to record: the signed-in user, never a name the client claims — except in open mode. */
export function actorOf(req: Request, claimed: string | undefined, fallback: string): string {
  const p = principalOf(req);
  return p.open ? (claimed ?? fallback) : p.username;
}
