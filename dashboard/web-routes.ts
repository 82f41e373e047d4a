import { Router, type RequestHandler } from 'express';
import { landingFor } from '../core/people/navigation.ts';
import { vanPageGate } from './auth/page-gate.ts';
import { maybePrincipalOf } from './auth/principal-of.ts';
import { WEB_DIR, type WebBundle } from './web-bundle.ts';

/** The site's root: each person lands where their work is (core/people/navigation.ts). */
const landing: RequestHandler = (req, res, next) => {
  const user = maybePrincipalOf(req);
  const target = user?.open ? null : landingFor(user);
  if (target) return void res.redirect(303, target);
  next();
};

/**
 * The fleet page: explicit routes instead of a static directory, so nothing else in `web/`
 * (the TypeScript sources) is ever served, and each route has a bounded metrics label. The
 * style sheets and scripts hold no data and are public (`open`); the pages are mounted
 * behind the sign-in gate (`signedIn`).
 */
export function webRoutes(bundle: WebBundle, driverBundle?: WebBundle): { open: Router; signedIn: Router } {
  const open = Router();
  const signedIn = Router();
  // Short cache: a new deployment should reach the coordinators' screens within minutes.
  const send = (file: string) => (_req: unknown, res: import('express').Response) =>
    res.sendFile(file, { root: WEB_DIR, maxAge: '5m' });
  const script = (b: WebBundle) => async (_req: unknown, res: import('express').Response) => {
    const text = await b.script();
    res.type('text/javascript; charset=utf-8').setHeader('Cache-Control', 'public, max-age=300');
    res.send(text);
  };
  signedIn.get('/', landing, send('index.html'));
  open.get('/style.css', send('style.css'));
  open.get('/app.js', script(bundle));
  if (driverBundle) {
    // The driver's view of one van (issue 5); the van id is read by the page from its path.
    signedIn.get('/driver/:van', vanPageGate, send('driver.html'));
    open.get('/driver.css', send('driver.css'));
    open.get('/driver.js', script(driverBundle));
  }
  return { open, signedIn };
}
