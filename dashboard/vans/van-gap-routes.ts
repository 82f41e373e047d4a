import { Router } from 'express';
import { VanGaps } from '../../core/api/gaps.ts';
import { missingCount } from '../../core/gaps/seq-gaps.ts';
import type { SeqTrackRepository } from '../../state/seq-track-repository.ts';
import { methodNotAllowed } from '../http-errors.ts';
import { readableVan } from './readable-van.ts';

/**
 * `GET /api/vans/{van}/gaps`: the readings ingest still waits for (issue 13). Authorized as
 * the van's history: a van the person may not see is answered exactly as an unknown one (404).
 * A van ingest has never heard from has no gap.
 */
export function vanGapRoutes(tracks: Pick<SeqTrackRepository, 'of'>): Router {
  const router = Router();
  router
    .route('/vans/:van/gaps')
    .get((req, res) => {
      const van = readableVan(req);
      const track = tracks.of(van);
      const gaps = (track?.gaps ?? []).map((g) => ({ ...g, count: g.last - g.first + 1 }));
      res.json(VanGaps.parse({ van, missing: track ? missingCount(track) : 0, gaps }));
    })
    .all(methodNotAllowed);
  return router;
}
