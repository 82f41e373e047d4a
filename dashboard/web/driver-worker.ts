/** Where the server serves the driver app's service worker (dashboard/driver-app.ts), and its scope. */
const WORKER_URL = '/driver-sw.js';
const SCOPE = '/driver';

/**
 * Registers the driver app's service worker (issue 15: offline shell, push). Null where the
 * browser has none (an old browser, or a page not served over HTTPS or from localhost).
 * Resolves with the registration once a worker is active, which push needs.
 */
export function registerDriverWorker(): Promise<ServiceWorkerRegistration> | null {
  if (!('serviceWorker' in navigator)) return null;
  return navigator.serviceWorker
    .register(WORKER_URL, { scope: SCOPE })
    .then(() => navigator.serviceWorker.ready);
}
