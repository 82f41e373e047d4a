import { createECDH, randomBytes } from 'node:crypto';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertEpisode } from '../core/alert-episode.ts';
import type { PushKeyAnswer, PushPayload, PushSubscriptionsAnswer } from '../core/api/push.ts';
import type { Reading } from '../core/readings.ts';
import { auditAccessibility } from './harness/axe.ts';
import { signedInPage } from './harness/browser-session.ts';
import { launchBrowser, type TestBrowser } from './harness/chromium.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { addUsers, signIn, type SignedInClient } from './harness/people.ts';
import { waitFor } from './harness/wait-for.ts';

const T0 = Date.now() - 3_600_000;

/** One chilled reading of the van's recorder. */
const reading = (seq: number, ts: number, celsius: number): Reading => ({
  kind: 'temperature',
  seq,
  ts,
  compartment: 'chilled',
  sensor: 'T1',
  celsius,
});
/** 40 minutes at 9 °C in the chilled compartment: an excursion alert on the van. */
const warm = (): Reading[] => Array.from({ length: 81 }, (_, i) => reading(1000 + i, T0 + i * 30_000, 9));

/** The PNG's width and height, from its IHDR chunk (PNG §11.2.2). */
function pngSize(bytes: Buffer): string {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

/** The driver page's service worker, once it is active (its shell cached) and controls the page. */
async function workerReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** The registration id CDP names the page's service worker by. */
async function registrationId(cdp: CDPSession, scope: string): Promise<string> {
  const found = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const reg = registrations.find((r) => r.scopeURL === scope && !r.isDeleted);
      if (reg) resolve(reg.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  return found;
}

/**
 * Issue 15 in Chromium, browser side: the driver app installs (manifest and icons as
 * Chromium reads them), opens with no network after one visit and shows the last state with
 * its age, resynchronises when the network returns, shows a notification for a push message
 * (delivered by CDP, as DevTools' « Push » button does: no push service is reachable from a
 * test), opens the alert's two-tap acknowledgement from that notification's address, and
 * subscribes this phone from the driver view.
 */
describe('the installable driver app in headless Chromium', () => {
  let system: TestSystem;
  let chromium: TestBrowser;
  let dave: SignedInClient;
  let alert: AlertEpisode;

  beforeAll(async () => {
    system = await startTestSystem({ auth: 'users', env: { GIVRE_PUSH_SERVICES: 'http://127.0.0.1' } });
    await addUsers(system, [{ username: 'dave', role: 'driver', vans: ['VAN-01'] }]);
    // Stored readings, as ingest announces them: 40 warm minutes (an alert), then the latest, 3,4 °C.
    system.bus.emit('readings-stored', {
      van: 'VAN-01',
      readings: [...warm(), reading(2000, Date.now() - 60_000, 3.4)],
    });
    alert = await waitFor(() => system.alerts.list({ van: 'VAN-01', limit: 1 })[0]);
    dave = await signIn(system.baseUrl, 'dave');
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
    await system?.stop();
  });

  it('the manifest parses with its icons, for Chromium too', async () => {
    const { page } = await signedInPage(chromium, system.baseUrl, 'dave');
    await page.goto(`${system.baseUrl}/driver/VAN-01`);
    const href = await page.getAttribute('link[rel="manifest"]', 'href');
    expect(await page.getAttribute('meta[name="theme-color"]', 'content')).toBe('#0b2a3f');
    const touchIcon = await page.getAttribute('link[rel="apple-touch-icon"]', 'href');

    const res = await fetch(`${system.baseUrl}${href}`);
    expect(res.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    const manifest = (await res.json()) as {
      name: string;
      short_name: string;
      start_url: string;
      scope: string;
      display: string;
      icons: Array<{ src: string; sizes: string; type: string; purpose: string }>;
    };
    expect(manifest).toMatchObject({
      name: 'Givre — chauffeur',
      short_name: 'Givre',
      start_url: '/driver',
      scope: '/driver',
      display: 'standalone',
    });
    for (const icon of [...manifest.icons, { src: touchIcon!, sizes: '180x180', type: 'image/png' }]) {
      const png = await fetch(`${system.baseUrl}${icon.src}`);
      expect(png.headers.get('content-type'), icon.src).toBe(icon.type);
      expect(pngSize(Buffer.from(await png.arrayBuffer())), icon.src).toBe(icon.sizes);
    }
    expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`)).toEqual([
      '192x192 any',
      '512x512 any',
      '512x512 maskable',
    ]);

    // Chromium's own reading of it: no error, the same name, the start URL on this site.
    const cdp = await page.context().newCDPSession(page);
    const seen = await cdp.send('Page.getAppManifest');
    expect(seen.errors).toEqual([]);
    expect(JSON.parse(seen.data ?? '{}') as { name?: string }).toMatchObject({ name: 'Givre — chauffeur' });
    // And its installability checks (manifest, icons, service worker): nothing in the way but
    // the test's own browser context, which Chromium counts as incognito (no profile on disk).
    await workerReady(page);
    const installable = await cdp.send('Page.getInstallabilityErrors');
    expect(installable.installabilityErrors.map((e) => e.errorId)).toEqual(['in-incognito']);
    // The start URL takes the signed-in driver to their van.
    await page.goto(`${system.baseUrl}${manifest.start_url}`);
    expect(page.url()).toBe(`${system.baseUrl}/driver/VAN-01`);
    // The manifest, icons and worker are public (none holds data); the start URL and the
    // shell the worker keeps are behind the sign-in gate like every page.
    expect((await fetch(`${system.baseUrl}/driver-sw.js`)).status).toBe(200);
    for (const path of ['/driver', '/driver-shell.html']) {
      const res = await fetch(`${system.baseUrl}${path}`, { redirect: 'manual' });
      expect([res.status, res.headers.get('location')], path).toEqual([
        303,
        `/login?next=${encodeURIComponent(path)}`,
      ]);
    }
  });

  it('after one visit the app opens with no network, with the last state and its age; back online it catches up', async () => {
    const { page } = await signedInPage(chromium, system.baseUrl, 'dave');
    const context: BrowserContext = page.context();
    await page.goto(`${system.baseUrl}/driver/VAN-01`);
    await page.locator('[data-testid="dtemp-chilled"]', { hasText: '3,4 °C' }).waitFor();
    await page.locator('[data-testid="connection"][data-state="live"]').waitFor();
    await workerReady(page);
    const shownOnline = await page.locator('[data-testid="alert-banner"]').getAttribute('data-alert-id');
    expect(shownOnline).not.toBeNull();
    // As if the phone last heard from the server 12 minutes ago.
    await page.evaluate(() => {
      const key = 'givre.driver.snapshot';
      const kept = JSON.parse(localStorage.getItem(key)!) as { savedAt: number };
      localStorage.setItem(key, JSON.stringify({ ...kept, savedAt: Date.now() - 12 * 60_000 - 5_000 }));
    });

    await context.setOffline(true);
    const served = await page.reload();
    expect(served?.fromServiceWorker()).toBe(true);
    await page
      .locator('[data-testid="driver-offline"]', {
        hasText: 'hors ligne — dernière mise à jour il y a 12 min',
      })
      .waitFor();
    expect(await page.locator('[data-testid="dtemp-chilled"]').textContent()).toBe('3,4 °C');
    expect(await page.locator('[data-testid="alert-banner"]').getAttribute('data-alert-id')).toBe(
      shownOnline,
    );
    expect(await auditAccessibility(page)).toEqual([]);

    // The start URL, offline too: the last van shown.
    await page.goto(`${system.baseUrl}/driver`);
    await page.locator('[data-testid="driver-offline"]').waitFor();
    expect(new URL(page.url()).pathname).toBe('/driver/VAN-01');

    // A reading arrives while the phone has no network; it shows once the network is back.
    // Still too warm: the alert stays open for the tests below.
    system.bus.emit('readings-stored', { van: 'VAN-01', readings: [reading(2001, Date.now(), 9.6)] });
    await waitFor(() => system.fleet.get('VAN-01')?.compartments.chilled?.celsius === 9.6);
    await context.setOffline(false);
    await page.locator('[data-testid="dtemp-chilled"]', { hasText: '9,6 °C' }).waitFor({ timeout: 20_000 });
    await page.locator('[data-testid="connection"][data-state="live"]').waitFor();
    expect(await page.locator('[data-testid="driver-offline"]').count()).toBe(0);
  });

  it('shows a notification for a push message: its words, one per alert, with « Acquitter »', async () => {
    const { page } = await signedInPage(chromium, system.baseUrl, 'dave');
    await page.context().grantPermissions(['notifications'], { origin: system.baseUrl });
    await page.goto(`${system.baseUrl}/driver/VAN-01`);
    await workerReady(page);
    const payload: PushPayload = {
      v: 1,
      delivery: '1.push.1',
      alertId: alert.id,
      van: 'VAN-01',
      compartment: 'chilled',
      kind: alert.kind,
      severity: 'critical',
      transition: 'open',
      title: 'Alerte critique — camionnette VAN-01',
      body: 'Compartiment réfrigéré : 9,0 °C depuis 40 min (limite 7 °C)',
      lang: 'fr',
      url: `/driver/VAN-01?alert=${alert.id}`,
      acknowledgeable: true,
      at: Date.now(),
    };
    const cdp = await page.context().newCDPSession(page);
    const id = await registrationId(cdp, `${system.baseUrl}/driver`);
    // Chromium does not always dispatch the first message CDP delivers just after
    // `ServiceWorker.enable`; the same message is delivered again until it shows. A repeat
    // replaces the notification (same tag), as a push service's retry would.
    const shown = await waitFor(
      async () => {
        await cdp.send('ServiceWorker.deliverPushMessage', {
          origin: system.baseUrl,
          registrationId: id,
          data: JSON.stringify(payload),
        });
        return page.evaluate(async () => {
          const reg = await navigator.serviceWorker.ready;
          const [n] = await reg.getNotifications();
          if (!n) return null;
          const { title, body, tag, requireInteraction, data } = n;
          // Chromium's, beyond TypeScript's lib: the buttons, and whether a repeat buzzes again.
          const more = n as Notification & {
            actions: Array<{ action: string; title: string }>;
            renotify: boolean;
          };
          const actions = more.actions.map(({ action, title }) => ({ action, title }));
          return {
            title,
            body,
            tag,
            requireInteraction,
            renotify: more.renotify,
            data: data as unknown,
            actions,
          };
        });
      },
      { intervalMs: 500, what: 'the notification' },
    );
    expect(shown).toEqual({
      title: 'Alerte critique — camionnette VAN-01',
      body: 'Compartiment réfrigéré : 9,0 °C depuis 40 min (limite 7 °C)',
      tag: alert.id,
      requireInteraction: true,
      renotify: true,
      data: { url: `/driver/VAN-01?alert=${alert.id}`, alertId: alert.id },
      actions: [{ action: 'ack', title: 'Acquitter' }],
    });
  });

  it('the notification’s address opens that alert’s two-tap acknowledgement, which acknowledges it', async () => {
    const { page } = await signedInPage(chromium, system.baseUrl, 'dave');
    await page.goto(`${system.baseUrl}/driver/VAN-01?alert=${alert.id}`);
    const banner = page.locator(`[data-testid="alert-banner"][data-alert-id="${alert.id}"]`);
    await banner.locator('[data-testid="ack-button"]').click();
    await banner.locator('[data-testid="ack-reason-loading"]').click();
    const acked = await waitFor(async () => {
      const { body } = await dave.json<AlertEpisode>(`/api/alerts/${alert.id}`);
      return body.acknowledgement ? body : null;
    });
    expect(acked.acknowledgement).toMatchObject({ by: 'dave', reason: 'loading' });
    await page.waitForURL(`${system.baseUrl}/driver/VAN-01`);

    // Opened again from the same notification: said so, nothing left to do.
    await page.goto(`${system.baseUrl}/driver/VAN-01?alert=${alert.id}`);
    await page
      .locator('[data-testid="alert-focus-note"]', {
        hasText: 'Cette alerte est déjà acquittée (chargement ou déchargement).',
      })
      .waitFor();
    expect(await page.locator('[data-testid="ack-button"]').count()).toBe(0);
  });

  it('subscribes this phone from the driver view, and unsubscribes it', async () => {
    // Headless Chromium reaches no push service (no public host from a test), so the browser's
    // own `PushManager.subscribe` is stood in for: it answers a subscription with keys made
    // here (a real P-256 key and a 16-byte secret) and an endpoint on loopback. Everything
    // else — the VAPID key, the permission, the server's store — is real.
    const p256dh = createECDH('prime256v1').generateKeys().toString('base64url');
    const auth = randomBytes(16).toString('base64url');
    const endpoint = `http://127.0.0.1:9/push/${randomBytes(8).toString('hex')}`;
    const { page, errors } = await signedInPage(chromium, system.baseUrl, 'dave');
    await page.context().grantPermissions(['notifications'], { origin: system.baseUrl });
    await page.addInitScript(
      ({ endpoint, p256dh, auth }) => {
        let current: unknown = null;
        const asked: unknown[] = [];
        Object.assign(window, { pushAsked: asked });
        PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
          const key = options?.applicationServerKey as Uint8Array;
          asked.push({ userVisibleOnly: options?.userVisibleOnly, keyBytes: key.length });
          current = {
            endpoint,
            expirationTime: null,
            toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh, auth } }),
            unsubscribe: async () => ((current = null), true),
          };
          return current as PushSubscription;
        };
        PushManager.prototype.getSubscription = async () => current as PushSubscription | null;
      },
      { endpoint, p256dh, auth },
    );
    const { body: key } = await dave.json<PushKeyAnswer>('/api/push/key');
    expect(key.publicKey).not.toBeNull();

    await page.goto(`${system.baseUrl}/driver/VAN-01`);
    const state = page.locator('[data-testid="push-state"]');
    await page.locator('[data-testid="push-state"][data-state="off"]').waitFor();
    expect(await state.textContent()).toBe('Désactivées sur ce téléphone.');
    await page
      .locator('[data-testid="push-toggle"]', { hasText: 'Recevoir les alertes sur ce téléphone' })
      .click();
    await page.locator('[data-testid="push-state"][data-state="on"]').waitFor();
    expect(await auditAccessibility(page)).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { pushAsked: unknown[] }).pushAsked)).toEqual([
      { userVisibleOnly: true, keyBytes: 65 },
    ]);
    const stored = await dave.json<PushSubscriptionsAnswer>('/api/push/subscriptions');
    expect(stored.body.subscriptions.map((s) => s.endpoint)).toContain(endpoint);

    await page
      .locator('[data-testid="push-toggle"]', { hasText: 'Ne plus les recevoir sur ce téléphone' })
      .click();
    await page.locator('[data-testid="push-state"][data-state="off"]').waitFor();
    const after = await dave.json<PushSubscriptionsAnswer>('/api/push/subscriptions');
    expect(after.body.subscriptions.map((s) => s.endpoint)).not.toContain(endpoint);
    expect(errors).toEqual([]);
  });

  it('says so when the browser refuses notifications', async () => {
    const { page } = await signedInPage(chromium, system.baseUrl, 'dave');
    await page.goto(`${system.baseUrl}/driver/VAN-01`);
    await page.locator('[data-testid="push-state"][data-state="off"]').waitFor();
    // Headless Chromium answers a permission request nobody granted with a refusal.
    await page.locator('[data-testid="push-toggle"]').click();
    await page
      .locator('[data-testid="push-state"][data-state="denied"]', { hasText: 'Refusées par le navigateur' })
      .waitFor();
  });
});
