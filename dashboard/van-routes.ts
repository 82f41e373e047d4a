import { Router } from 'express';
import { VanId } from '../core/ids.ts';
import { GivreError } from '../platform/errors.ts';
import type { FleetReader } from './deps.ts';
import { methodNotAllowed } from './http-errors.ts';

/** `/api/vans`: the latest state of every van, as the live channel's snapshot has it. */
export function vanRoutes(fleet: FleetReader): Router {
  const router = Router();
  router
    .route('/vans')
    .get((_req, res) => {
      res.json(sortedFleet(fleet));
    })
    .all(methodNotAllowed);
  router
    .route('/vans/:van')
    .get((req, res) => {
      // Validated with the contract's schema so that the API and the topics agree on what a van id is.
      const parsed = VanId.safeParse(req.params.van);
      if (!parsed.success) throw new GivreError('GIVRE_ERR_BAD_REQUEST', 'invalid van id');
      const state = fleet.get(parsed.data);
      if (!state) throw new GivreError('GIVRE_ERR_NOT_FOUND', `unknown van ${parsed.data}`);
      res.json(state);
    })
    .all(methodNotAllowed);
  return router;
}

export function sortedFleet(fleet: FleetReader) {
  return [...fleet.list()].sort((a, b) => (a.van < b.van ? -1 : a.van > b.van ? 1 : 0));
}
