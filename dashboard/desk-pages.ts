import { Router, type Request, type Response } from 'express';
import { seesWholeFleet } from '../core/people/authz.ts';
import type { Principal } from '../core/people/principal.ts';
import { maybePrincipalOf } from './auth/principal-of.ts';
import type { MapSettings, MapSettingsAnswer } from './map-settings.ts';
import { createWebBundle, WEB_DIR, type WebBundle } from './web-bundle.ts';

/**
 * The coordinator's desk pages of issue 12 — the alert log `/alerts` and the map `/map` —
 * one HTML shell and one esbuild bundle (CSP: no inline script), and `GET /api/map`, the
 * map's settings. Mounted after the sign-in gate (`pageGate` sends anyone without a session
 * to `/login`; `/api` answers 401 before reaching here). A role the page is not for goes to
 * its own landing page, as `/admin` does: associations have no alerts to see; the map is the
 * whole fleet's, for admins and coordinators.
 */
export function deskPages(
  map: MapSettings = {},
  bundle: WebBundle = createWebBundle(`${WEB_DIR}desk-main.ts`),
): Router {
  const router = Router();
  const shell = (allowed: (user: Principal) => boolean) => (req: Request, res: Response) => {
    const user = maybePrincipalOf(req);
    if (user && !allowed(user)) return void res.redirect(303, '/');
    res.sendFile('desk.html', { root: WEB_DIR, maxAge: '5m' });
  };
  router.get(
    '/alerts',
    shell((u) => u.role !== 'association'),
  );
  router.get('/map', shell(seesWholeFleet));
  router.get('/desk.css', (_req, res) => res.sendFile('desk.css', { root: WEB_DIR, maxAge: '5m' }));
  router.get('/desk.js', async (_req, res) => {
    const script = await bundle.script();
    res.type('text/javascript; charset=utf-8').setHeader('Cache-Control', 'public, max-age=300');
    res.send(script);
  });
  router.get('/api/map', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
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
