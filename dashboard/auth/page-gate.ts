import type { Request, RequestHandler } from 'express';
import { can, type Action, type Resource } from '../../core/people/authz.ts';
import { GivreError } from '../../platform/errors.ts';
import { maybePrincipalOf } from './principal-of.ts';

/**
 * A page about one van or one association, for whoever may read it (authz.ts); to anyone
 * else the same 404 as any unknown path, never an empty page that looks like "nothing wrong".
 */
export function pageGate(action: Action, resourceOf: (req: Request) => Resource): RequestHandler {
  return (req, _res, next) => {
    const user = maybePrincipalOf(req);
    next(
      user && !can(user, action, resourceOf(req))
        ? new GivreError('GIVRE_ERR_NOT_FOUND', `no route for GET ${req.path}`)
        : undefined,
    );
  };
}

/** `/driver/:van`, `/vans/:van`: the van's readers only. */
export const vanPageGate = pageGate('van:read', (req) => ({ van: String(req.params.van ?? '') }));
