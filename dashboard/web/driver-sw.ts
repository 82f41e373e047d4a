import { pushNotice } from './push-notice.ts';

/**
 * The driver app's service worker (issue 15), registered by the driver page with the scope
 * `/driver`. Three jobs:
 * - the app shell (the driver page's HTML, bundle, style sheets, icons, manifest) cached on
 *   install, in a cache named by the shell's version, so the page opens with no network; a new
 *   build is a new version, whose install replaces the old cache on activation;
 * - network first: pages and the API go to the server; with no network a driver page gets the
 *   cached shell, which draws the last state the page kept itself (driver-snapshot.ts). No
 *   API answer is ever cached here, so nothing personal is kept beyond that one snapshot;
 * - push: each message shows a notification (push-notice.ts); a tap, or « Acquitter », opens
 *   the alert's acknowledgement screen in the app's window.
 */
declare const self: ServiceWorkerGlobalScope;
/** Prepended by the server (dashboard/driver-app.ts): the shell's files and their version. */
declare const GIVRE_SHELL: { version: string; files: string[] };

const CACHE_PREFIX = 'givre-driver-shell-';
const CACHE = `${CACHE_PREFIX}${GIVRE_SHELL.version}`;
const SHELL_URL = GIVRE_SHELL.files[0]!;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // `reload`: from the server, never a copy the browser's HTTP cache still holds of an older
      // build. `error` on a redirect: a session that ended sends the shell to the login page,
      // which must not be kept as the shell (the install fails; the previous worker stays).
      .then((cache) =>
        cache.addAll(
          GIVRE_SHELL.files.map((url) => new Request(url, { cache: 'reload', redirect: 'error' })),
        ),
      )
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== CACHE).map((n) => caches.delete(n)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

/** `/driver` and `/driver/{van}`: the pages the shell draws. */
const isDriverPage = (url: URL) => /^\/driver(\/[^/]+)?\/?$/.test(url.pathname);

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && isDriverPage(url)) {
    event.respondWith(
      fetch(request).catch(
        async () => (await caches.match(SHELL_URL, { cacheName: CACHE })) ?? Response.error(),
      ),
    );
    return;
  }
  // The shell's own files (cache first is safe: the version names their bytes); the API,
  // the live socket and anything else pass through untouched.
  if (GIVRE_SHELL.files.includes(url.pathname) && url.search === '')
    event.respondWith(caches.match(request, { cacheName: CACHE }).then((hit) => hit ?? fetch(request)));
});

self.addEventListener('push', (event) => {
  let data: unknown;
  try {
    data = event.data?.json();
  } catch {
    data = undefined;
  }
  const notice = pushNotice(data);
  if (!notice) return;
  event.waitUntil(self.registration.showNotification(notice.title, notice.options as NotificationOptions));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const data = event.notification.data as { url?: unknown } | null;
  const path = typeof data?.url === 'string' && data.url.startsWith('/') ? data.url : '/driver';
  const target = new URL(path, self.location.origin).href;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(async (windows) => {
      // The app already open (installed, or a tab of the driver page): brought forward, on the alert.
      // (`navigate` works only on a window this worker controls; any other gets a new one.)
      const open = windows.find((w) => isDriverPage(new URL(w.url)));
      const shown = open
        ? await open
            .focus()
            .then((w) => w.navigate(target))
            .catch(() => null)
        : null;
      if (!shown) await self.clients.openWindow(target);
    }),
  );
});
