import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Router, type RequestHandler } from 'express';
import { maybePrincipalOf } from './auth/principal-of.ts';
import type { WebBundle } from './web-bundle.ts';
import { WEB_DIR } from './web-bundle.ts';

/**
 * The installable driver app (issue 15): its web app manifest, icons and service worker,
 * public (none of them holds data); its start URL `/driver`, which sends the signed-in driver
 * to their van, and the page shell the worker keeps, behind the sign-in gate as every page.
 */

/** The app's scope: the driver pages, and nothing of the coordinators' desk. */
export const DRIVER_SCOPE = '/driver';
export const MANIFEST_URL = '/driver.webmanifest';
export const SERVICE_WORKER_URL = '/driver-sw.js';
/** The driver page's HTML, which is the same for every van: what the service worker caches. */
export const SHELL_URL = '/driver-shell.html';
/** The top bar's colour (style.css `--ice-900`): the phone's status bar matches it. */
export const THEME_COLOUR = '#0b2a3f';

const ICONS = {
  '/icons/driver-192.png': 'driver-192.png',
  '/icons/driver-512.png': 'driver-512.png',
  '/icons/driver-maskable-512.png': 'driver-maskable-512.png',
  '/icons/driver-apple-180.png': 'driver-apple-180.png',
} as const;
export const APPLE_TOUCH_ICON = '/icons/driver-apple-180.png';
const ICON_DIR = `${WEB_DIR}icons/`;

/**
 * The manifest (W3C Web Application Manifest): French, the phone's language is not known
 * before sign-in. `start_url` is `/driver`, which answers with the signed-in driver's van,
 * so one manifest serves every driver and carries nothing personal.
 */
export const DRIVER_MANIFEST = {
  name: 'Givre — chauffeur',
  short_name: 'Givre',
  description: 'Températures et alertes de votre camionnette',
  lang: 'fr',
  id: DRIVER_SCOPE,
  start_url: DRIVER_SCOPE,
  scope: DRIVER_SCOPE,
  display: 'standalone',
  orientation: 'portrait',
  theme_color: THEME_COLOUR,
  background_color: '#f3f6f8',
  icons: [
    { src: '/icons/driver-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/icons/driver-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: '/icons/driver-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
} as const;

/** What the service worker keeps for opening with no network: the driver page and what it loads. */
export function shellFiles(driverScript: string, stylesheets: readonly string[]): string[] {
  return [SHELL_URL, driverScript, ...stylesheets, MANIFEST_URL, ...Object.keys(ICONS)];
}

/**
 * The service worker's script: its bundle behind one line naming the shell and its version.
 * The version is a hash of everything the shell is made of (bundles, style sheets, icons), so
 * a new build changes the worker's bytes, the browser installs it, and it replaces the old
 * cache (driver-sw.ts); an unchanged build keeps the phone's cache.
 */
async function serviceWorkerScript(
  worker: WebBundle,
  driverPage: WebBundle,
  files: readonly string[],
  readStatic: (url: string) => Promise<Buffer>,
): Promise<string> {
  const hash = createHash('sha256');
  const [workerText, pageText] = await Promise.all([worker.script(), driverPage.script()]);
  hash.update(workerText).update(pageText).update(JSON.stringify(DRIVER_MANIFEST));
  for (const url of files) {
    const bytes = await readStatic(url).catch(() => undefined);
    if (bytes) hash.update(url).update(bytes);
  }
  const shell = { version: hash.digest('hex').slice(0, 16), files };
  // In a function of its own: the bundle's top-level names stay out of the worker's global scope.
  return `var GIVRE_SHELL = ${JSON.stringify(shell)};\n(() => {\n${workerText}\n})();\n`;
}

/** `/driver`, the app's start URL: a driver to their (first) van; anyone else to their landing page. */
const startUrl: RequestHandler = (req, res) => {
  const user = maybePrincipalOf(req);
  const van = user?.role === 'driver' ? user.vans[0] : undefined;
  res.redirect(303, van ? `${DRIVER_SCOPE}/${encodeURIComponent(van)}` : '/');
};

export interface DriverAppOptions {
  worker: WebBundle;
  driverPage: WebBundle;
  driverScript: string;
  stylesheets: readonly string[];
  shellHtml: string;
  /** The bytes of a style sheet the dashboard serves, by URL. */
  stylesheet(url: string): Promise<Buffer>;
}

/** The app's routes: `open` (manifest, icons, worker) and `signedIn` (`/driver`, the shell). */
export function driverAppRoutes(options: DriverAppOptions): { open: Router; signedIn: Router } {
  const open = Router();
  const signedIn = Router();
  const files = shellFiles(options.driverScript, options.stylesheets);
  const readStatic = (url: string): Promise<Buffer> => {
    if (url in ICONS) return readFile(`${ICON_DIR}${ICONS[url as keyof typeof ICONS]}`);
    if (url === SHELL_URL) return Promise.resolve(Buffer.from(options.shellHtml));
    if (url === MANIFEST_URL || url === options.driverScript) return Promise.resolve(Buffer.alloc(0));
    return options.stylesheet(url);
  };
  let script: Promise<string> | undefined;
  open.get(MANIFEST_URL, (_req, res) => {
    res.type('application/manifest+json; charset=utf-8').setHeader('Cache-Control', 'public, max-age=300');
    res.send(JSON.stringify(DRIVER_MANIFEST));
  });
  for (const [url, file] of Object.entries(ICONS))
    open.get(url, (_req, res) => res.sendFile(file, { root: ICON_DIR, maxAge: '1d' }));
  open.get(SERVICE_WORKER_URL, async (_req, res) => {
    script ??= serviceWorkerScript(options.worker, options.driverPage, files, readStatic);
    // The browser checks the worker for an update on each visit; `no-cache` makes it ask us.
    res.type('text/javascript; charset=utf-8').setHeader('Cache-Control', 'no-cache');
    res.send(await script);
  });
  // Behind the sign-in gate like every page shell: the worker fetches it with the driver's cookie.
  signedIn.get(SHELL_URL, (_req, res) => {
    res.type('html').setHeader('Cache-Control', 'no-cache').send(options.shellHtml);
  });
  signedIn.get(DRIVER_SCOPE, startUrl);
  return { open, signedIn };
}
