import { Router } from 'express';
import { can } from '../../core/people/authz.ts';
import { createWebBundle, WEB_DIR } from '../web-bundle.ts';
import type { AuthFeature } from './auth-feature.ts';
import { maybePrincipalOf } from './principal-of.ts';

/**
 * The people pages (issue 4): `/login` and its script are public (`open`); `/admin` is
 * mounted behind the sign-in gate (`signedIn`), admins only. One shell and one esbuild
 * bundle, built on first request (CSP: no inline script).
 */
export function authPages(
  auth: AuthFeature | undefined,
  bundle = createWebBundle(`${WEB_DIR}account-main.ts`),
): { open: Router; signedIn: Router } {
  const open = Router();
  const signedIn = Router();
  const shell = (_req: unknown, res: import('express').Response) =>
    res.sendFile('account.html', { root: WEB_DIR, maxAge: '5m' });
  if (!auth) return { open, signedIn };
  open.get('/login', shell);
  open.get('/account.js', async (_req, res) => {
    const script = await bundle.script();
    res.type('text/javascript; charset=utf-8').setHeader('Cache-Control', 'public, max-age=300');
    res.send(script);
  });
  signedIn.get('/admin', (req, res) => {
    const user = maybePrincipalOf(req);
    if (user && !can(user, 'users:manage')) return void res.redirect(303, '/');
    shell(req, res);
  });
  return { open, signedIn };
}
