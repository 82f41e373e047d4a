import { createHmac } from 'node:crypto';
import type { AlertNotice } from '../core/alerts/alert-notice.ts';
import type { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';
import type { Logger } from '../platform/logger.ts';
import type { MetricsRegistry } from '../platform/metrics.ts';
import type { OutboxRepository, OwedDelivery } from '../state/outbox-repository.ts';
import { createOutboxPump, type AttemptResult } from './outbox-pump.ts';

export const SIGNATURE_HEADER = 'X-Givre-Signature';
/** The delivery's stable id (alert-delivery.ts), as payment and SMS APIs expect it (IETF draft-ietf-httpapi-idempotency-key-header). */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** `sha256=<hex HMAC-SHA256 of the raw body>` — what a receiver recomputes with the shared secret. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * The JSON a receiver gets: the event name, the delivery id it de-duplicates by, the notice,
 * and `recipients`, the people whose notification preferences chose SMS for this transition
 * (issue 15; core/people/notification-preferences.ts), so that an SMS gateway knows whom to
 * text — decided when the delivery is made, with the preferences of then.
 */
export function webhookBody(
  delivery: string,
  notice: AlertNotice,
  recipients: readonly { username: string }[] = [],
): string {
  return JSON.stringify({ event: `alert.${notice.transition.to}`, delivery, ...notice, recipients });
}

export interface WebhookOptions {
  url: string;
  secret: string;
  bus: EventBus<GivreEvents>;
  outbox: OutboxRepository;
  metrics: MetricsRegistry;
  logger: Logger;
  /** Who chose SMS for a transition (issue 15); default nobody. */
  smsRecipients?: (notice: AlertNotice) => { username: string }[];
  /** First retry delay, ms; doubles per failure in a row up to `maxDelayMs`. */
  retryDelayMs?: number;
  maxDelayMs?: number;
  /** Per request, ms. */
  timeoutMs?: number;
}

/**
 * Webhook delivery (SMS gateway, chat): every alert transition is POSTed as JSON, signed with
 * HMAC-SHA256 in `X-Givre-Signature`, one at a time in order, from the outbox (issue 13): it
 * leaves the outbox only on a 2xx, so a crash or a long outage of the receiver loses nothing
 * and may repeat a delivery, under the same `Idempotency-Key`. Network errors, timeouts, 5xx
 * and 429 are retried with backoff, without limit; another 4xx is the receiver refusing the
 * request for good (a wrong URL or secret): logged, counted, and the next one goes.
 */
export function createAlertWebhookChannel(o: WebhookOptions): { start(): void; stop(): void } {
  const attempts = o.metrics.counter(
    'givre_alert_webhook_deliveries_total',
    'Webhook delivery attempts, by result (delivered, failed and retried, rejected by the receiver).',
  );
  o.metrics.collectedGauge(
    'givre_alert_webhook_queue',
    'Alert transitions owed to the webhook (in the outbox).',
    () => [{ value: o.outbox.count('webhook') }],
  );

  const post = async ({ id, notice }: OwedDelivery): Promise<AttemptResult> => {
    const body = webhookBody(id, notice, o.smsRecipients?.(notice) ?? []);
    try {
      const res = await fetch(o.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signBody(o.secret, body),
          [IDEMPOTENCY_HEADER]: id,
          'X-Givre-Event': `alert.${notice.transition.to}`,
          'X-Givre-Delivery': id,
        },
        body,
        signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return { result: 'delivered' };
      const error = `HTTP ${res.status}`;
      return { result: res.status >= 500 || res.status === 429 ? 'failed' : 'rejected', error };
    } catch (err) {
      return { result: 'failed', error: (err as Error).message };
    }
  };

  return createOutboxPump({
    channel: 'webhook',
    outbox: o.outbox,
    bus: o.bus,
    deliver: post,
    attempts,
    logger: o.logger,
    ...(o.retryDelayMs !== undefined ? { retryDelayMs: o.retryDelayMs } : {}),
    ...(o.maxDelayMs !== undefined ? { maxDelayMs: o.maxDelayMs } : {}),
  });
}
