import { Router } from 'express';
import { WEB_DIR, type WebBundle } from './web-bundle.ts';

/**
 * The fleet page: three explicit routes instead of a static directory, so nothing else in
 * `web/` (the TypeScript sources) is ever served, and each route has a bounded metrics label.
 */
export function webRoutes(bundle: WebBundle, driverBundle?: WebBundle): Router {
  const router = Router();
  // Short cache: a new deployment should reach the coordinators' screens within minutes.
  const send = (file: string) => (_req: unknown, res: import('express').Response) =>
    res.sendFile(file, { root: WEB_DIR, maxAge: '5m' });
  router.get('/', send('index.html'));
  router.get('/style.css', send('style.css'));
  router.get('/app.js', async (_req, res) => {
    const script = await bundle.script();
    res.type('text/javascript; charset=utf-8').setHeader('Cache-Control', 'public, max-age=300');
    res.send(script);
  });
  if (driverBundle) {
    // The driver's view of one van (issue 5); the van id is read by the page from its path.
    router.get('/driver/:van', send('driver.html'));
    router.get('/driver.css', send('driver.css'));
    router.get('/driver.js', async (_req, res) => {
      const script = await driverBundle.script();
      res.type('text/javascript; charset=utf-8').setHeader('Cache-Control', 'public, max-age=300');
      res.send(script);
    });
  }
  return router;
}
