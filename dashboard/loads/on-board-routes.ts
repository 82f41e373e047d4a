import { Router } from 'express';
import type { OnBoardLoad } from '../../core/api/on-board.ts';
import type { AlertEpisode } from '../../core/alert-episode.ts';
import { can } from '../../core/people/authz.ts';
import { findProfile } from '../../core/product-profiles.ts';
import { standingSoFar } from '../../core/loads/standing-so-far.ts';
import type { AlertService } from '../alert-service.ts';
import { principalOf } from '../auth/principal-of.ts';
import { methodNotAllowed } from '../http-errors.ts';
import type { LoadsFeature } from './loads-feature.ts';

/** Loads on board at once, at most: a fleet's night is a few dozen. */
const MAX_ON_BOARD = 500;
/** A van's alerts read per request, newest first: far more than one night raises. */
const MAX_ALERTS_PER_VAN = 500;
/** How far before the earliest pickup alerts are read, ms: one still running at pickup began before it. */
const BEFORE_PICKUP_MS = 24 * 3_600_000;

/**
 * `GET /api/fleet/loads`: what the fleet desk shows of the loads on board (issue 12). One
 * query of the loads and one of alerts per van carrying some, per request: the page asks
 * at (re)connection and when an alert or the loads on board change, not per reading.
 */
export function onBoardRoutes(f: LoadsFeature | undefined, alerts: AlertService | undefined): Router {
  const router = Router();
  router
    .route('/fleet/loads')
    .get((req, res) => {
      // A dashboard without loads or alerts (some tests) has nothing on board to tell.
      if (!f || !alerts) return void res.json([]);
      const user = principalOf(req);
      const onBoard = f.loads
        .list({ status: 'picked-up', limit: MAX_ON_BOARD })
        .filter((l) => can(user, 'van:read', { van: l.van }));
      const byVan = new Map<string, AlertEpisode[]>();
      for (const van of new Set(onBoard.map((l) => l.van))) {
        const earliest = Math.min(...onBoard.filter((l) => l.van === van).map((l) => l.pickedUpAt ?? 0));
        const listed = alerts.list({ van, from: earliest - BEFORE_PICKUP_MS, limit: MAX_ALERTS_PER_VAN });
        const open = alerts.unresolved().filter((a) => a.van === van && !listed.some((l) => l.id === a.id));
        byVan.set(van, [...listed, ...open]);
      }
      const answer: OnBoardLoad[] = onBoard
        .map((l) => {
          const profile = findProfile(f.profiles, l.profile);
          const maxCelsius = profile?.maxCelsius ?? null;
          const { standing, breaches } = standingSoFar(l, maxCelsius, byVan.get(l.van) ?? []);
          return {
            id: l.id,
            van: l.van,
            compartment: l.compartment,
            profile: l.profile,
            profileName: profile ? { fr: profile.name.fr, en: profile.name.en } : null,
            maxCelsius,
            recipient: { id: l.recipient.id, name: l.recipient.name },
            weightKg: l.weightKg,
            pickedUpAt: l.pickedUpAt,
            standing,
            breaches: breaches.map((a) => ({
              alertId: a.id,
              kind: a.kind,
              severity: a.severity,
              startedAt: a.startedAt,
              peak: a.peak,
            })),
          };
        })
        .sort((a, b) => (a.van + a.compartment + a.id < b.van + b.compartment + b.id ? -1 : 1));
      res.json(answer);
    })
    .all(methodNotAllowed);
  return router;
}
