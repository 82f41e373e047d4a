import { afterEach, describe, expect, it } from 'vitest';
import { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';
import { createLogger } from '../platform/logger.ts';
import { MetricsRegistry } from '../platform/metrics.ts';
import { alertsWithOutbox, recordOpenedAndResolved } from '../state/outbox-test-fixtures.ts';
import { openStateDb } from '../state/state-db.ts';
import { startWebhookReceiver } from '../test/harness/webhook-receiver.ts';
import { waitFor } from '../test/harness/wait-for.ts';
import { createAlertWebhookChannel } from './alert-webhook-channel.ts';

const SECRET = 'webhook-unit-test-secret';
const silent = createLogger({ level: 'silent' });

describe('webhook channel: delivered at least once from the outbox (issue 13)', () => {
  const closers: Array<() => unknown> = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });
  const channelOn = (
    url: string,
    repos: ReturnType<typeof alertsWithOutbox>,
    metrics = new MetricsRegistry(),
  ) => {
    const channel = createAlertWebhookChannel({
      url,
      secret: SECRET,
      bus: new EventBus<GivreEvents>(),
      outbox: repos.outbox,
      metrics,
      logger: silent,
      retryDelayMs: 5,
      maxDelayMs: 20,
    });
    channel.start();
    closers.push(() => channel.stop());
    return { channel, metrics };
  };

  it('retries through 5xx in order, signs each POST and names it by the same id in the header and the body', async () => {
    const receiver = await startWebhookReceiver(SECRET, { failFirst: 3 });
    closers.push(receiver.close);
    const repos = alertsWithOutbox(openStateDb(':memory:'));
    const seqs = [
      ...recordOpenedAndResolved(repos.alerts, 'VAN-01', 0),
      ...recordOpenedAndResolved(repos.alerts, 'VAN-02', 5),
    ];
    const { metrics } = channelOn(receiver.url, repos);

    await waitFor(() => repos.outbox.count('webhook') === 0, { what: 'the outbox to empty' });
    expect(receiver.received.map((r) => r.body.seq)).toEqual(seqs);
    expect(receiver.received.map((r) => r.event)).toEqual([
      'alert.open',
      'alert.resolved',
      'alert.open',
      'alert.resolved',
    ]);
    for (const hook of receiver.received) {
      expect(hook.signatureValid).toBe(true);
      expect(hook.idempotencyKey).toBe(`${hook.body.seq}.webhook`);
      expect(hook.body.delivery).toBe(hook.idempotencyKey);
    }
    expect(metrics.counter('givre_alert_webhook_deliveries_total', '').get({ result: 'failed' })).toBe(3);
    expect(metrics.counter('givre_alert_webhook_deliveries_total', '').get({ result: 'delivered' })).toBe(4);
  });

  it('keeps what a receiver that is down did not take, and a new process delivers it at start', async () => {
    const receiver = await startWebhookReceiver(SECRET);
    const port = receiver.port;
    await receiver.close();
    const repos = alertsWithOutbox(openStateDb(':memory:'));
    recordOpenedAndResolved(repos.alerts, 'VAN-01');
    const first = channelOn(`http://127.0.0.1:${port}/hooks/givre`, repos);
    await waitFor(
      () => first.metrics.counter('givre_alert_webhook_deliveries_total', '').get({ result: 'failed' }) >= 2,
      {
        what: 'failed attempts',
      },
    );
    first.channel.stop();
    expect(repos.outbox.count('webhook')).toBe(2);
    expect(repos.outbox.owed('webhook', 1)[0]!.attempts).toBeGreaterThanOrEqual(2);

    const back = await startWebhookReceiver(SECRET, { port });
    closers.push(back.close);
    const second = channelOn(back.url, repos);
    await waitFor(() => back.received.length === 2, { what: 'the owed deliveries after the restart' });
    expect(repos.outbox.count('webhook')).toBe(0);
    const text = second.metrics.render();
    expect(text).toMatch(/^givre_alert_webhook_queue 0$/m);
  });

  it('lets a delivery the receiver refuses for good (4xx) go, so the next ones are not held back', async () => {
    const receiver = await startWebhookReceiver(SECRET, { answer: 410 });
    closers.push(receiver.close);
    const repos = alertsWithOutbox(openStateDb(':memory:'));
    recordOpenedAndResolved(repos.alerts, 'VAN-01');
    const { metrics } = channelOn(receiver.url, repos);
    await waitFor(() => repos.outbox.count('webhook') === 0, { what: 'the outbox to empty' });
    expect(receiver.received).toHaveLength(2);
    expect(metrics.counter('givre_alert_webhook_deliveries_total', '').get({ result: 'rejected' })).toBe(2);
  });
});
