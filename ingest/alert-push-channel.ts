import { createHash } from 'node:crypto';
import webpush from 'web-push';
import { pushPayloadOf } from '../core/alerts/alert-push-message.ts';
import type { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';
import type { Logger } from '../platform/logger.ts';
import type { MetricsRegistry } from '../platform/metrics.ts';
import type { VapidKeys } from '../platform/vapid-keys.ts';
import type { OutboxRepository, OwedDelivery } from '../state/outbox-repository.ts';
import type {
  PushSubscriptionRecord,
  PushSubscriptionRepository,
} from '../state/push-subscription-repository.ts';

export interface PushChannelOptions {
  bus: EventBus<GivreEvents>;
  outbox: OutboxRepository;
  subscriptions: PushSubscriptionRepository;
  vapid: VapidKeys & { subject: string };
  /** Whether an endpoint is on a push service the installation sends to (GIVRE_PUSH_SERVICES). */
  allowedEndpoint(endpoint: string): boolean;
  metrics: MetricsRegistry;
  logger: Logger;
  /** First retry delay of a subscription's failed delivery, ms; doubles per failed attempt up to `maxDelayMs`. */
  retryDelayMs?: number;
  maxDelayMs?: number;
  /** Per request, ms. */
  timeoutMs?: number;
  /** How long the push service keeps a message for a phone that is off, s (the `TTL` header). */
  ttlSeconds?: number;
  /** Requests in flight at once, to as many subscriptions. */
  concurrency?: number;
  now?: () => number;
}

/** Twelve hours: a driver whose phone was off all night still learns of the evening's alert in the morning round. */
export const PUSH_TTL_S = 12 * 60 * 60;
/** Deliveries read from the outbox per pass. */
const BATCH = 100;

/** What one attempt came to. */
type Outcome = 'delivered' | 'gone' | 'rejected' | 'failed';

/** The `Topic` header (RFC 8030 §5.4): the alert, so a push service keeps only its latest message; ≤ 32 base64url characters. */
export function pushTopic(alertId: string): string {
  return /^[A-Za-z0-9_-]{1,32}$/.test(alertId)
    ? alertId
    : createHash('sha256').update(alertId).digest('base64url').slice(0, 32);
}

/**
 * Web Push delivery (issue 15, RFC 8030 with RFC 8291 aes128gcm encryption and RFC 8292
 * VAPID), from the same durable outbox as the webhook: a transition owes one delivery per
 * subscription of each person the preferences pick (build-ingest.ts, in the transaction that
 * stores it), and a delivery leaves the outbox only once the push service accepted it (2xx).
 *
 * web-push builds each request — the payload encrypted to the subscription's keys, the VAPID
 * `Authorization: vapid t=<JWT>, k=<public key>` — and this channel sends it with `fetch`, for
 * one timeout per request and the same transport as the webhook (web-push's own sender speaks
 * HTTPS only).
 *
 * Answers: 2xx delivered; 404 or 410, the subscription is gone (the browser unsubscribed or
 * expired): removed, with what it was still owed; 5xx, 429 and network errors are retried;
 * another 4xx (a payload or VAPID header refused) is refused for good, counted, and the next
 * one goes.
 *
 * A failing push service does not hold back the others: deliveries are per subscription, each
 * subscription's in order (its second transition waits behind its first), and a failure backs
 * off that subscription alone (doubling from `retryDelayMs` to `maxDelayMs`, kept in the outbox
 * so a restart keeps it) while the heads of the other subscriptions go, `concurrency` requests
 * at a time. A push service that answers nothing holds a slot for at most `timeoutMs`.
 */
export function createAlertPushChannel(o: PushChannelOptions): { start(): void; stop(): void } {
  const now = o.now ?? Date.now;
  const retryDelayMs = o.retryDelayMs ?? 1000;
  const maxDelayMs = o.maxDelayMs ?? 5 * 60_000;
  const concurrency = o.concurrency ?? 8;
  const attempts = o.metrics.counter(
    'givre_alert_push_deliveries_total',
    'Web Push delivery attempts, by result (delivered, failed and retried, rejected by the push service, gone: subscription removed).',
  );
  o.metrics.collectedGauge(
    'givre_alert_push_queue',
    'Push deliveries owed to subscriptions (in the outbox).',
    () => [{ value: o.outbox.count('push') }],
  );

  const send = async (
    d: OwedDelivery,
    sub: PushSubscriptionRecord,
  ): Promise<{ outcome: Outcome; error?: string }> => {
    // Stored before the list was narrowed: never sent to a host that is not a push service.
    if (!o.allowedEndpoint(sub.endpoint)) return { outcome: 'rejected', error: 'not on GIVRE_PUSH_SERVICES' };
    const payload = JSON.stringify(pushPayloadOf(d.notice, d.id));
    let request: ReturnType<typeof webpush.generateRequestDetails>;
    try {
      request = webpush.generateRequestDetails(
        { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
        payload,
        {
          vapidDetails: o.vapid,
          TTL: o.ttlSeconds ?? PUSH_TTL_S,
          urgency: d.notice.episode.severity === 'critical' ? 'high' : 'normal',
          topic: pushTopic(d.notice.episode.id),
          contentEncoding: 'aes128gcm',
        },
      );
    } catch (err) {
      // Keys no browser made: this subscription can never be delivered to.
      return { outcome: 'gone', error: (err as Error).message };
    }
    const { 'Content-Length': _length, ...headers } = request.headers as Record<string, string>;
    try {
      const res = await fetch(request.endpoint, {
        method: request.method,
        headers,
        // A copy with its own ArrayBuffer, the body type fetch declares.
        body: request.body === null ? null : Uint8Array.from(request.body),
        signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return { outcome: 'delivered' };
      const error = `HTTP ${res.status}`;
      if (res.status === 404 || res.status === 410) return { outcome: 'gone', error };
      return { outcome: res.status >= 500 || res.status === 429 ? 'failed' : 'rejected', error };
    } catch (err) {
      return { outcome: 'failed', error: (err as Error).message };
    }
  };

  const attempt = async (d: OwedDelivery): Promise<void> => {
    const sub = d.target === null ? undefined : o.subscriptions.get(d.target);
    // Removed meanwhile (unsubscribed, taken over by another person, gone): nothing to send.
    const { outcome, error } = sub ? await send(d, sub) : { outcome: 'gone' as const, error: 'unsubscribed' };
    if (stopped) return; // the state store may be closed: it stays owed for the next start
    attempts.inc({ result: outcome });
    const at = now();
    switch (outcome) {
      case 'delivered':
        o.outbox.settle(d.id);
        o.subscriptions.succeeded(sub!.id, at);
        return;
      case 'gone':
        if (sub) o.subscriptions.remove(sub.id);
        o.outbox.settle(d.id);
        if (d.target !== null) o.outbox.settleTarget('push', d.target);
        if (sub) o.logger.info('push subscription gone; removed', { subscription: sub.id, error });
        return;
      case 'rejected':
        o.logger.rateLimited('push-rejected', 'warn', 'a push service refused an alert for good', {
          delivery: d.id,
          error,
        });
        o.outbox.settle(d.id);
        return;
      case 'failed': {
        const delay = Math.min(retryDelayMs * 2 ** d.attempts, maxDelayMs);
        o.outbox.failed(d.id, error ?? 'failed', at, at + delay);
        o.logger.rateLimited('push-failed', 'warn', 'push delivery failed; retrying', {
          delivery: d.id,
          error,
        });
      }
    }
  };

  let off: (() => void) | undefined;
  let stopped = false;
  let running = false;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const at = o.outbox.nextRetryAt('push');
    if (at === undefined || stopped) return;
    timer = setTimeout(
      () => {
        timer = undefined;
        void pump();
      },
      Math.max(0, at - now()),
    );
  };

  const pump = async (): Promise<void> => {
    if (stopped) return;
    if (running) {
      again = true; // a transition came during a pass: one more pass once this one ends
      return;
    }
    running = true;
    try {
      do {
        again = false;
        for (let heads = o.outbox.dueHeads('push', now(), BATCH); heads.length > 0 && !stopped;) {
          for (let i = 0; i < heads.length && !stopped; i += concurrency)
            await Promise.all(heads.slice(i, i + concurrency).map(attempt));
          heads = stopped ? [] : o.outbox.dueHeads('push', now(), BATCH);
        }
      } while (again && !stopped);
      schedule();
    } catch (err) {
      // The state store failed (busy beyond its timeout): nothing was lost, try again later.
      o.logger.rateLimited('push-outbox-error', 'error', 'could not read the push outbox', {
        error: (err as Error).message,
      });
      if (!stopped) timer = setTimeout(() => void pump(), retryDelayMs);
    } finally {
      running = false;
    }
  };

  return {
    start() {
      stopped = false;
      off = o.bus.on('alert', () => void pump());
      void pump();
    },
    stop() {
      stopped = true;
      off?.();
      off = undefined;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
