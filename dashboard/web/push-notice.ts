import type { PushPayload } from '../../core/api/push.ts';

/**
 * What the driver app's service worker shows for one push message (issue 15). The contract is
 * core/api/push.ts's `PushPayload`; zod would triple the worker's size, so this checks by hand
 * only what the notification uses, and a message that fails it is shown as nothing (the push
 * service delivered something that is not Givre's, or a later version's).
 */
export interface PushNotice {
  title: string;
  /** `NotificationOptions` with what TypeScript's lib lacks: `renotify`, `actions`. */
  options: {
    body: string;
    tag: string;
    lang: string;
    timestamp: number;
    renotify: boolean;
    requireInteraction: boolean;
    icon: string;
    badge: string;
    data: { url: string; alertId: string };
    actions: Array<{ action: 'ack'; title: string }>;
  };
}

/** The notification's « Acquitter » button, in the message's language. */
const ACK_ACTION = { fr: 'Acquitter', en: 'Acknowledge', nl: 'Bevestigen' } as const;

const isText = (v: unknown, max: number): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= max;

export function pushNotice(data: unknown): PushNotice | null {
  if (typeof data !== 'object' || data === null) return null;
  const p = data as Partial<Record<keyof PushPayload, unknown>>;
  if (p.v !== 1 || !isText(p.title, 200) || !isText(p.body, 500) || !isText(p.alertId, 64)) return null;
  // Same-origin only: a path, never `//host` (a URL the notification would open elsewhere).
  if (!isText(p.url, 500) || !p.url.startsWith('/') || p.url.startsWith('//')) return null;
  const lang = p.lang === 'en' || p.lang === 'nl' ? p.lang : 'fr';
  const critical = p.severity === 'critical';
  return {
    title: p.title,
    options: {
      body: p.body,
      // One notification per alert: a later transition replaces the earlier one.
      tag: p.alertId,
      lang,
      timestamp: typeof p.at === 'number' ? p.at : Date.now(),
      // A critical alert buzzes again on each transition and stays until the driver acts.
      renotify: critical,
      requireInteraction: critical,
      icon: '/icons/driver-192.png',
      badge: '/icons/driver-192.png',
      data: { url: p.url, alertId: p.alertId },
      actions: p.acknowledgeable === true ? [{ action: 'ack', title: ACK_ACTION[lang] }] : [],
    },
  };
}
