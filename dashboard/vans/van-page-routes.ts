import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Router, type Response } from 'express';
import { VanId } from '../../core/ids.ts';
import { can } from '../../core/people/authz.ts';
import { GivreError } from '../../platform/errors.ts';
import { maybePrincipalOf } from '../auth/principal-of.ts';
import type { FleetReader } from '../deps.ts';
import { pageShellHtml } from '../page-shell.ts';
import { createWebBundle, WEB_DIR, type WebBundle } from '../web-bundle.ts';

/** uPlot's style sheet, served from the installed package: no CDN, and CSP allows only 'self'. */
const UPLOT_DIST = dirname(createRequire(import.meta.url).resolve('uplot/dist/uPlot.min.css'));

const SHELL = pageShellHtml({
  title: 'Givre — Véhicule',
  stylesheets: ['/style.css', '/loads.css', '/uplot.css', '/van.css'],
  script: '/van.js',
  mainClass: 'vpage',
});

/**
 * The van page (issue 12): `/vans/{van}`, the HTML shell (page-shell.ts), its esbuild bundle (with uPlot) and
 * its style sheets. Without a session the browser goes to `/login` first, as `pageGate` does
 * for the other pages; then a van that does not exist and a van the person may not see get
 * the same 404, word for word the API's (`GET /api/vans/{van}`).
 */
export function vanPageRoutes(
  fleet: FleetReader,
  bundle: WebBundle = createWebBundle(`${WEB_DIR}van-main.ts`),
): Router {
  const router = Router();
  const file =
    (name: string, root = WEB_DIR) =>
    (_req: unknown, res: Response) =>
      res.sendFile(name, { root, maxAge: '5m' });
  router.get('/vans/:van', (req, res) => {
    const user = maybePrincipalOf(req);
    if (!user) return void res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
    const van = VanId.safeParse(req.params.van);
    if (!van.success) throw new GivreError('GIVRE_ERR_BAD_REQUEST', 'invalid van id');
    if (!fleet.get(van.data) || !can(user, 'van:read', { van: van.data }))
      throw new GivreError('GIVRE_ERR_NOT_FOUND', `unknown van ${van.data}`);
    res.type('html').setHeader('Cache-Control', 'private, max-age=300').send(SHELL);
  });
  router.get('/van.css', file('van.css'));
  router.get('/uplot.css', file('uPlot.min.css', UPLOT_DIST));
  router.get('/van.js', async (_req, res) => {
    const script = await bundle.script();
    res.type('text/javascript; charset=utf-8').setHeader('Cache-Control', 'public, max-age=300');
    res.send(script);
  });
  return router;
}
