import { createHmac } from 'node:crypto';
import type { AlertNotice } from '../core/alerts/alert-notice.ts';
import type { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';
import type { Logger } from '../platform/logger.ts';
import type { MetricsRegistry } from '../platform/metrics.ts';

export const SIGNATURE_HEADER = 'X-Givre-Signature';

/** `sha256=<hex HMAC-SHA256 of the raw body>` — what a receiver recomputes with the shared secret. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export interface WebhookOptions {
  url: string;
  secret: string;
  bus: EventBus<GivreEvents>;
  metrics: MetricsRegistry;
  logger: Logger;
  /** Most notices waiting; beyond it the oldest is dropped (counted): memory stays bounded during a long outage. */
  maxQueue?: number;
  /** First retry delay, ms; doubles per attempt up to `maxDelayMs`. */
  retryDelayMs?: number;
  maxDelayMs?: number;
  /** Attempts per notice before it is given up (counted). */
  maxAttempts?: number;
  /** Per request, ms. */
  timeoutMs?: number;
}

/**
 * Webhook delivery (SMS gateway, chat): every alert transition is POSTed as JSON, signed with
 * HMAC-SHA256 in `X-Givre-Signature`, one at a time in order, retried with exponential backoff
 * on network errors, 5xx and 429. Extension shape: `stop()` removes the listener and timers.
 */
export function createAlertWebhookChannel(o: WebhookOptions): { start(): void; stop(): void } {
  const deliveries = o.metrics.counter(
    'givre_alert_webhook_deliveries_total',
    'Webhook deliveries, by result (delivered, failed attempt, rejected by receiver, given up, dropped from a full queue).',
  );
  const queue: AlertNotice[] = [];
  const maxQueue = o.maxQueue ?? 1000;
  o.metrics.collectedGauge('givre_alert_webhook_queue', 'Alert notices waiting for the webhook.', () => [
    { value: queue.length },
  ]);
  let off: (() => void) | undefined;
  let busy = false;
  let stopped = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const post = async (notice: AlertNotice): Promise<'ok' | 'retry' | 'rejected'> => {
    const body = JSON.stringify({ event: `alert.${notice.transition.to}`, ...notice });
    try {
      const res = await fetch(o.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signBody(o.secret, body),
          'X-Givre-Event': `alert.${notice.transition.to}`,
          'X-Givre-Delivery': String(notice.seq),
        },
        body,
        signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return 'ok';
      return res.status >= 500 || res.status === 429 ? 'retry' : 'rejected';
    } catch {
      return 'retry';
    }
  };

  const pump = async (): Promise<void> => {
    if (busy || stopped) return;
    busy = true;
    try {
      for (let attempt = 0; queue.length > 0 && !stopped;) {
        const notice = queue[0]!;
        const result = await post(notice);
        if (result === 'retry' && attempt + 1 < (o.maxAttempts ?? 8)) {
          deliveries.inc({ result: 'failed' });
          const delay = Math.min((o.retryDelayMs ?? 1000) * 2 ** attempt, o.maxDelayMs ?? 60_000);
          attempt++;
          await new Promise<void>((resolve) => (retryTimer = setTimeout(resolve, delay)));
          continue;
        }
        deliveries.inc({
          result: result === 'ok' ? 'delivered' : result === 'rejected' ? 'rejected' : 'given-up',
        });
        if (result !== 'ok')
          o.logger.rateLimited('webhook-failed', 'warn', 'webhook did not take an alert', {
            seq: notice.seq,
            result,
          });
        if (queue[0] === notice) queue.shift();
        attempt = 0;
      }
    } finally {
      busy = false;
    }
  };

  return {
    start() {
      off = o.bus.on('alert', (notice) => {
        queue.push(notice);
        while (queue.length > maxQueue) {
          queue.shift();
          deliveries.inc({ result: 'dropped' });
        }
        void pump();
      });
    },
    stop() {
      stopped = true;
      off?.();
      off = undefined;
      if (retryTimer) clearTimeout(retryTimer);
      queue.length = 0;
    },
  };
}
