import { Router } from 'express';
import { pageGate } from '../auth/page-gate.ts';
import { fileURLToPath } from 'node:url';
import { createWebBundle, WEB_DIR } from '../web-bundle.ts';

const CERT_DIR = fileURLToPath(new URL('../certificates/', import.meta.url));

/** An association's page: that association and the fleet's staff (auth/page-gate.ts). */
const associationPageGate = pageGate('association:read', (req) => ({
  association: String(req.params.id ?? ''),
}));

/**
 * The pages of issue 6 — coordinators' loads, an association's loads and certificates, and
 * certificate verification — one HTML shell and one esbuild bundle (CSP: no inline script).
 * Verification and the static files are public (`open`); the loads and an association's page
 * are mounted behind the sign-in gate (`signedIn`).
 */
export function loadPages(bundle = createWebBundle(`${WEB_DIR}loads-main.ts`)): {
  open: Router;
  signedIn: Router;
} {
  const open = Router();
  const signedIn = Router();
  const shell = (_req: unknown, res: import('express').Response) =>
    res.sendFile('loads.html', { root: WEB_DIR, maxAge: '5m' });
  signedIn.get('/loads', shell);
  signedIn.get('/associations/:id', associationPageGate, shell);
  open.get('/verify', shell);
  open.get('/verify/:id', shell);
  open.get('/verify/t/:token', shell);
  open.get('/loads.css', (_req, res) => res.sendFile('loads.css', { root: WEB_DIR, maxAge: '5m' }));
  open.get('/certificate.css', (_req, res) =>
    res.sendFile('certificate.css', { root: CERT_DIR, maxAge: '5m' }),
  );
  open.get('/loads.js', async (_req, res) => {
    const script = await bundle.script();
    res.type('text/javascript; charset=utf-8').setHeader('Cache-Control', 'public, max-age=300');
    res.send(script);
  });
  return { open, signedIn };
}
