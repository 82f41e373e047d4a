import { Router } from 'express';
import { VanId } from '../core/ids.ts';
import { can } from '../core/people/authz.ts';
import type { Principal } from '../core/people/principal.ts';
import { GivreError } from '../platform/errors.ts';
import { principalOf } from './auth/principal-of.ts';
import type { FleetReader } from './deps.ts';
import { methodNotAllowed } from './http-errors.ts';

/** `/api/vans`: the latest state of every van, as the live channel's snapshot has it. */
export function vanRoutes(fleet: FleetReader): Router {
  const router = Router();
  router
    .route('/vans')
    .get((req, res) => {
      res.json(visibleFleet(fleet, principalOf(req)));
    })
    .all(methodNotAllowed);
  router
    .route('/vans/:van')
    .get((req, res) => {
      // Validated with the contract's schema so that the API and the topics agree on what a van id is.
      const parsed = VanId.safeParse(req.params.van);
      if (!parsed.success) throw new GivreError('GIVRE_ERR_BAD_REQUEST', 'invalid van id');
      const state = fleet.get(parsed.data);
      // A van outside the person's scope is answered exactly as an unknown one.
      if (!state || !can(principalOf(req), 'van:read', { van: state.van }))
        throw new GivreError('GIVRE_ERR_NOT_FOUND', `unknown van ${parsed.data}`);
      res.json(state);
    })
    .all(methodNotAllowed);
  return router;
}

export function sortedFleet(fleet: FleetReader) {
  return [...fleet.list()].sort((a, b) => (a.van < b.van ? -1 : a.van > b.van ? 1 : 0));
}

/** The vans a person may see (issue 4): the whole fleet, or a driver's bound vans. */
export function visibleFleet(fleet: FleetReader, user: Principal) {
  return sortedFleet(fleet).filter((state) => can(user, 'van:read', { van: state.van }));
}
