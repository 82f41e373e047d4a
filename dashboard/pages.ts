import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { VanId } from '../core/ids.ts';
import { can, seesWholeFleet } from '../core/people/authz.ts';
import type { Principal } from '../core/people/principal.ts';
import { landingFor } from '../core/people/navigation.ts';
import { GivreError } from '../platform/errors.ts';
import { pageGate, vanPageGate } from './auth/page-gate.ts';
import { maybePrincipalOf } from './auth/principal-of.ts';
import type { DashboardDeps } from './deps.ts';
import {
  APPLE_TOUCH_ICON,
  driverAppRoutes,
  MANIFEST_URL,
  SERVICE_WORKER_URL,
  THEME_COLOUR,
} from './driver-app.ts';
import { pageShellHtml, type PageShell } from './page-shell.ts';
import { createWebBundle, WEB_DIR, type WebBundle } from './web-bundle.ts';

/** The page bundles: entry in `web/` → the URL it is served at. */
export const BUNDLES = {
  fleet: { entry: 'main.ts', url: '/app.js' },
  driver: { entry: 'driver-main.ts', url: '/driver.js' },
  account: { entry: 'account-main.ts', url: '/account.js' },
  loads: { entry: 'loads-main.ts', url: '/loads.js' },
  desk: { entry: 'desk-main.ts', url: '/desk.js' },
  van: { entry: 'van-main.ts', url: '/van.js' },
  // The driver app's service worker (issue 15): served by driver-app.ts, with its shell's version.
  driverSw: { entry: 'driver-sw.ts', url: SERVICE_WORKER_URL },
} as const;
export type BundleId = keyof typeof BUNDLES;

const UPLOT_DIR = dirname(createRequire(import.meta.url).resolve('uplot/dist/uPlot.min.css'));
const CERT_DIR = fileURLToPath(new URL('./certificates/', import.meta.url));

/** The style sheets, public (they hold no data): URL → file. */
const STYLESHEETS: Record<string, { file: string; root: string }> = {
  '/style.css': { file: 'style.css', root: WEB_DIR },
  '/driver.css': { file: 'driver.css', root: WEB_DIR },
  '/loads.css': { file: 'loads.css', root: WEB_DIR },
  '/desk.css': { file: 'desk.css', root: WEB_DIR },
  '/van.css': { file: 'van.css', root: WEB_DIR },
  // uPlot's own, from the installed package: no CDN, and the CSP allows only 'self'.
  '/uplot.css': { file: 'uPlot.min.css', root: UPLOT_DIR },
  '/certificate.css': { file: 'certificate.css', root: CERT_DIR },
};

/** Who may open a page once signed in; anyone else is sent to their own landing page. */
const only =
  (allowed: (user: Principal) => boolean): RequestHandler =>
  (req, res, next) => {
    const user = maybePrincipalOf(req);
    if (user && !allowed(user)) return void res.redirect(303, '/');
    next();
  };

/** The site's root: each person lands where their work is (core/people/navigation.ts). */
const landing: RequestHandler = (req, res, next) => {
  const user = maybePrincipalOf(req);
  const target = user?.open ? null : landingFor(user);
  if (target) return void res.redirect(303, target);
  next();
};

/** `/vans/{van}`: a van that does not exist and one the person may not see get the API's 404. */
const knownVan =
  (fleet: DashboardDeps['fleet']): RequestHandler =>
  (req, _res, next) => {
    const van = VanId.safeParse(req.params.van);
    if (!van.success) return next(new GivreError('GIVRE_ERR_BAD_REQUEST', 'invalid van id'));
    const user = maybePrincipalOf(req);
    const visible = fleet.get(van.data) && (!user || can(user, 'van:read', { van: van.data }));
    next(visible ? undefined : new GivreError('GIVRE_ERR_NOT_FOUND', `unknown van ${van.data}`));
  };

/** An association's page: that association and the fleet's staff (auth/page-gate.ts). */
const associationPageGate = pageGate('association:read', (req) => ({
  association: String(req.params.id ?? ''),
}));

/** One page of the table: its paths, who may open it, its shell. */
export interface PageEntry {
  paths: readonly string[];
  /** `open`: anyone (signing in, checking a certificate); `signedIn`: behind the sign-in gate. */
  access: 'open' | 'signedIn';
  /** What the page needs of the dashboard; without it the page does not exist (404). */
  needs?: 'auth' | 'loads';
  gates?: (deps: DashboardDeps) => RequestHandler[];
  bundle: BundleId;
  shell: Omit<PageShell, 'script'>;
}

const STAFF_CSS = ['/style.css', '/loads.css'];

/** The driver's phone view, `/driver/{van}` (issue 5), installable as an app (issue 15). */
const DRIVER_SHELL: PageEntry['shell'] = {
  title: 'Givre — Chauffeur',
  stylesheets: ['/style.css', '/driver.css'],
  live: true,
  bodyClass: 'driver',
  mainClass: 'dpage',
  mainLive: 'assertive',
  app: { manifest: MANIFEST_URL, appleTouchIcon: APPLE_TOUCH_ICON, themeColour: THEME_COLOUR },
};

/** Every page of the dashboard (issue 12: one table instead of a route per page). */
export const PAGES: readonly PageEntry[] = [
  {
    paths: ['/'],
    access: 'signedIn',
    gates: () => [landing],
    bundle: 'fleet',
    shell: { title: 'Givre — Flotte en direct', stylesheets: ['/style.css', '/desk.css'], live: true },
  },
  {
    paths: ['/driver/:van'],
    access: 'signedIn',
    gates: () => [vanPageGate],
    bundle: 'driver',
    shell: DRIVER_SHELL,
  },
  {
    paths: ['/vans/:van'],
    access: 'signedIn',
    gates: (deps) => [knownVan(deps.fleet)],
    bundle: 'van',
    shell: {
      title: 'Givre — Véhicule',
      stylesheets: [...STAFF_CSS, '/uplot.css', '/van.css'],
      live: true,
      mainClass: 'vpage',
    },
  },
  {
    paths: ['/alerts'],
    access: 'signedIn',
    // Associations have no alerts to see.
    gates: () => [only((u) => u.role !== 'association')],
    bundle: 'desk',
    shell: {
      title: 'Givre — Alertes',
      stylesheets: ['/style.css', '/desk.css'],
      live: true,
      mainClass: 'page desk',
    },
  },
  {
    paths: ['/map'],
    access: 'signedIn',
    // The whole fleet's map, for admins and coordinators.
    gates: () => [only(seesWholeFleet)],
    bundle: 'desk',
    shell: {
      title: 'Givre — Carte',
      stylesheets: ['/style.css', '/desk.css'],
      live: true,
      mainClass: 'page desk',
    },
  },
  {
    paths: ['/loads'],
    access: 'signedIn',
    needs: 'loads',
    bundle: 'loads',
    shell: { title: 'Givre — Chargements', stylesheets: STAFF_CSS, live: false, mainClass: 'page lpage' },
  },
  {
    paths: ['/associations/:id'],
    access: 'signedIn',
    needs: 'loads',
    gates: () => [associationPageGate],
    bundle: 'loads',
    shell: { title: 'Givre — Association', stylesheets: STAFF_CSS, live: false, mainClass: 'page lpage' },
  },
  {
    paths: ['/verify', '/verify/:id', '/verify/t/:token'],
    access: 'open',
    needs: 'loads',
    bundle: 'loads',
    shell: {
      title: 'Givre — Vérifier un certificat',
      stylesheets: STAFF_CSS,
      live: false,
      mainClass: 'page lpage',
    },
  },
  {
    paths: ['/login'],
    access: 'open',
    needs: 'auth',
    bundle: 'account',
    shell: { title: 'Givre — Connexion', stylesheets: STAFF_CSS, live: false, mainClass: 'page lpage' },
  },
  {
    paths: ['/admin'],
    access: 'signedIn',
    needs: 'auth',
    gates: () => [only((u) => can(u, 'users:manage'))],
    bundle: 'account',
    shell: { title: 'Givre — Administration', stylesheets: STAFF_CSS, live: false, mainClass: 'page lpage' },
  },
  {
    // Each person's own settings (issue 15: which alerts reach them, by which channel).
    paths: ['/account'],
    access: 'signedIn',
    needs: 'auth',
    bundle: 'account',
    shell: { title: 'Givre — Mon compte', stylesheets: STAFF_CSS, live: false, mainClass: 'page lpage' },
  },
];

/** Every bundle a page of this dashboard serves, read at start-up (web-bundle.ts refuses a stale one). */
export function pageBundles(): Record<BundleId, WebBundle> {
  const entries = Object.entries(BUNDLES).map(([id, b]) => [id, createWebBundle(`${WEB_DIR}${b.entry}`)]);
  return Object.fromEntries(entries) as Record<BundleId, WebBundle>;
}

/**
 * The routes of the table: the style sheets and scripts (public), the pages that need no
 * session (`open`) and the pages behind the sign-in gate (`signedIn`). Explicit routes, not
 * a static directory: nothing else in `web/` (the TypeScript sources) is ever served, and
 * each route has a bounded metrics label.
 */
export function pageRoutes(
  deps: DashboardDeps,
  bundles: Record<BundleId, WebBundle>,
): { open: Router; signedIn: Router } {
  const open = Router();
  const signedIn = Router();
  // Short cache: a new deployment should reach the coordinators' screens within minutes.
  for (const [url, { file, root }] of Object.entries(STYLESHEETS))
    open.get(url, (_req, res) => res.sendFile(file, { root, maxAge: '5m' }));
  for (const [id, { url }] of Object.entries(BUNDLES)) {
    if (id === 'driverSw') continue;
    open.get(url, async (_req, res) => {
      const text = await bundles[id as BundleId].script();
      res.type('text/javascript; charset=utf-8').setHeader('Cache-Control', 'public, max-age=300');
      res.send(text);
    });
  }
  const app = driverAppRoutes({
    worker: bundles.driverSw,
    driverPage: bundles.driver,
    driverScript: BUNDLES.driver.url,
    stylesheets: DRIVER_SHELL.stylesheets,
    shellHtml: pageShellHtml({ ...DRIVER_SHELL, script: BUNDLES.driver.url }),
    stylesheet: (url) => {
      const sheet = STYLESHEETS[url];
      return sheet ? readFile(join(sheet.root, sheet.file)) : Promise.reject(new Error(`no ${url}`));
    },
  });
  open.use(app.open);
  signedIn.use(app.signedIn);
  for (const page of PAGES) {
    if (page.needs && !deps[page.needs]) continue;
    const html = pageShellHtml({ ...page.shell, script: BUNDLES[page.bundle].url });
    const send = (_req: Request, res: Response) =>
      void res.type('html').setHeader('Cache-Control', 'no-cache').send(html);
    const router = page.access === 'open' ? open : signedIn;
    for (const path of page.paths) router.get(path, ...(page.gates?.(deps) ?? []), send);
  }
  return { open, signedIn };
}
