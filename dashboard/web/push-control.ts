import { z } from 'zod';
import { PushKeyAnswer, PushSubscriptionsAnswer } from '../../core/api/push.ts';
import { ApiError, apiJson } from './api-client.ts';
import { session } from './session-client.ts';
import { el } from './dom.ts';
import { TEXT } from '../text/catalogue.ts';
import type { Lang } from '../text/lang.ts';

/**
 * Whether this phone gets the alerts as notifications (issue 15), and the control that
 * changes it. `unsupported`: no push in this browser (an iPhone's Safari outside a home-screen
 * app); `unavailable`: the installation sends none (no VAPID key); `denied`: the person
 * refused notifications to this site, which only the browser's settings can undo.
 */
export type PushState = 'unsupported' | 'unavailable' | 'denied' | 'off' | 'on';

const SUBSCRIPTIONS = '/api/push/subscriptions';
/** A change's answer: only its success matters here (a refusal rejects in apiJson). */
const ANY_ANSWER = z.unknown();

/** `applicationServerKey` wants the key's bytes; the server gives base64url. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

/**
 * The control in the driver view: « Recevoir les alertes sur ce téléphone » asks the
 * browser's permission, subscribes with the installation's VAPID key (`userVisibleOnly`:
 * every push shows a notification) and gives the subscription to the server; turning it off
 * unsubscribes and tells the server to forget it. A subscription the phone has and the
 * server lost (a restored backup) is given again on load.
 */
export function createPushControl(
  root: HTMLElement,
  worker: Promise<ServiceWorkerRegistration> | null,
  lang: Lang,
) {
  let state: PushState | null | undefined;
  let busy = false;
  let failed = false;
  let key: string | null = null;

  const render = () => {
    const t = TEXT[lang].driver.push;
    // Nothing to say yet, or nothing to offer: no empty box on the phone.
    root.hidden = state === undefined || state === null;
    if (state === undefined || state === null) return void root.replaceChildren();
    const status = el('p', { className: 'dpush__state', testId: 'push-state' }, t.states[state]);
    status.dataset.state = state;
    const children: Node[] = [el('h2', { className: 'dpush__title' }, t.title), status];
    if (state === 'on' || state === 'off') {
      const button = el(
        'button',
        { className: state === 'on' ? 'dbtn dbtn--cancel' : 'dbtn', testId: 'push-toggle' },
        state === 'on' ? t.turnOff : t.turnOn,
      );
      button.type = 'button';
      button.disabled = busy;
      button.addEventListener('click', () => void (state === 'on' ? turnOff() : turnOn()));
      children.push(button);
    }
    if (failed) children.push(el('p', { className: 'dbanner__error', testId: 'push-error' }, t.failed));
    root.replaceChildren(...children);
  };

  const registration = async () => {
    if (!worker) throw new Error('no service worker');
    return worker;
  };

  async function give(subscription: PushSubscription): Promise<void> {
    await apiJson(ANY_ANSWER, SUBSCRIPTIONS, {
      method: 'POST',
      body: subscription.toJSON(),
    });
  }

  async function act(step: () => Promise<PushState>): Promise<void> {
    busy = true;
    failed = false;
    render();
    try {
      state = await step();
    } catch {
      failed = true;
    }
    busy = false;
    render();
  }

  const turnOn = () =>
    act(async () => {
      const permission = await Notification.requestPermission();
      if (permission === 'denied') return 'denied';
      if (permission !== 'granted' || key === null) return 'off';
      const reg = await registration();
      const subscription = await reg.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: keyBytes(key),
      });
      await give(subscription);
      return 'on';
    });

  const turnOff = () =>
    act(async () => {
      const subscription = await (await registration()).pushManager.getSubscription();
      if (subscription) {
        // A 404: the server had already forgotten it (a restored backup); the phone forgets it too.
        await apiJson(ANY_ANSWER, SUBSCRIPTIONS, {
          method: 'DELETE',
          body: { endpoint: subscription.endpoint },
        }).catch((err: unknown) => {
          if (!(err instanceof ApiError && err.status === 404)) throw err;
        });
        await subscription.unsubscribe();
      }
      return 'off';
    });

  /** `null`: nothing to offer — a dashboard without users has nobody to send alerts to. */
  async function load(): Promise<PushState | null> {
    if ((await session()).open) return null;
    if (!worker || !('PushManager' in window) || !('Notification' in window)) return 'unsupported';
    key = (await apiJson(PushKeyAnswer, '/api/push/key')).publicKey;
    if (key === null) return 'unavailable';
    if (Notification.permission === 'denied') return 'denied';
    const subscription = await (await registration()).pushManager.getSubscription();
    if (!subscription || Notification.permission !== 'granted') return 'off';
    const known = await apiJson(PushSubscriptionsAnswer, SUBSCRIPTIONS);
    if (!known.subscriptions.some((s) => s.endpoint === subscription.endpoint)) await give(subscription);
    return 'on';
  }

  const refresh = () =>
    void load().then(
      (s) => {
        state = s;
        failed = false;
        render();
      },
      // Offline, or the server cannot say: nothing to offer until it can.
      () => render(),
    );

  refresh();
  return {
    /** Reads the state again if it could not be read before (the page opened offline). */
    retry: () => void (state === undefined && refresh()),
    setLang(next: Lang) {
      lang = next;
      render();
    },
  };
}
