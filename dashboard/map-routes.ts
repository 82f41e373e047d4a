import { Router } from 'express';
import type { MapSettings, MapSettingsAnswer } from '../core/api/map.ts';

/** `GET /api/map`: the map page's settings (issue 12), behind the sign-in gate like the page. */
export function mapRoutes(map: MapSettings = {}): Router {
  const router = Router();
  router.get('/map', (_req, res) => {
    const answer: MapSettingsAnswer = { tileUrl: map.tileUrl ?? null };
    res.json(answer);
  });
  return router;
}

/**
 * The Content-Security-Policy source of a tile template's host (`{s}.` becomes `*.`), so
 * that the map's tiles, and nothing else, may come from there; `undefined` without a template.
 */
export function tileImageSource(tileUrl: string | undefined): string | undefined {
  if (!tileUrl) return undefined;
  const m = /^(https?):\/\/(\{s\}\.)?([^/{}]+)\//.exec(tileUrl);
  return m ? `${m[1]}://${m[2] ? '*.' : ''}${m[3]}` : undefined;
}
