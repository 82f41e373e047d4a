import { Router } from 'express';
import { can } from '../../core/people/authz.ts';
import { createWebBundle, WEB_DIR } from '../web-bundle.ts';
import type { AuthFeature } from './auth-feature.ts';
import { maybePrincipalOf } from './principal-of.ts';

/**
 * The people pages (issue 4): `/login` (public) and `/admin` (admin only; `pageGate` has
 * already sent anyone without a session to `/login`). One shell and one esbuild bundle,
 * built on first request (CSP: no inline script).
 */
export function authPages(
  auth: AuthFeature | undefined,
  bundle = createWebBundle(`${WEB_DIR}account-main.ts`),
): Router {
  const router = Router();
  const shell = (_req: unknown, res: import('express').Response) =>
    res.sendFile('account.html', { root: WEB_DIR, maxAge: '5m' });
  if (!auth) return router;
  router.get('/login', shell);
  router.get('/admin', (req, res) => {
    const user = maybePrincipalOf(req);
    if (user && !can(user, 'users:manage')) return void res.redirect(303, '/');
    shell(req, res);
  });
  router.get('/account.js', async (_req, res) => {
    const script = await bundle.script();
    res.type('text/javascript; charset=utf-8').setHeader('Cache-Control', 'public, max-age=300');
    res.send(script);
  });
  return router;
}
