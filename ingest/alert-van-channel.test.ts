import { afterEach, describe, expect, it } from 'vitest';
import { AlertMessage } from '../core/messages.ts';
import { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';
import { createLogger } from '../platform/logger.ts';
import { MetricsRegistry } from '../platform/metrics.ts';
import { alertsWithOutbox, recordOpenedAndResolved } from '../state/outbox-test-fixtures.ts';
import { openStateDb } from '../state/state-db.ts';
import { waitFor } from '../test/harness/wait-for.ts';
import { createAlertVanChannel, type VanPublisher } from './alert-van-channel.ts';
import { createAlertWebhookChannel } from './alert-webhook-channel.ts';

const silent = createLogger({ level: 'silent' });

/** A broker stand-in: refuses the first `failFirst` publications, holds the PUBACK while `hold` is set. */
function standInBroker(failFirst = 0) {
  const published: Array<{ topic: string; message: AlertMessage }> = [];
  let toFail = failFirst;
  const held: Array<() => void> = [];
  const broker: VanPublisher & {
    published: typeof published;
    hold: boolean;
    release(): void;
  } = {
    published,
    hold: false,
    release: () => held.splice(0).forEach((ack) => ack()),
    publish: (topic: string, payload: string) => {
      if (toFail-- > 0) return Promise.reject(new Error('not connected to the broker'));
      published.push({ topic, message: AlertMessage.parse(JSON.parse(payload)) });
      return broker.hold ? new Promise<void>((ack) => held.push(ack)) : Promise.resolve();
    },
  };
  return broker;
}

describe('van channel: alert messages leave the outbox on the PUBACK (issue 13)', () => {
  const stops: Array<() => void> = [];
  afterEach(() => stops.splice(0).forEach((stop) => stop()));
  const bus = new EventBus<GivreEvents>();
  const vanChannel = (repos: ReturnType<typeof alertsWithOutbox>, publisher: VanPublisher) => {
    const channel = createAlertVanChannel({
      bus,
      outbox: repos.outbox,
      publisher,
      metrics: new MetricsRegistry(),
      logger: silent,
      retryDelayMs: 5,
    });
    channel.start();
    stops.push(() => channel.stop());
    return channel;
  };

  it('publishes each transition to the van’s alerts topic with its delivery id, retrying a broker that refused', async () => {
    const repos = alertsWithOutbox(openStateDb(':memory:'));
    const [opened, resolved] = recordOpenedAndResolved(repos.alerts, 'VAN-07');
    const broker = standInBroker(2);
    vanChannel(repos, broker);
    await waitFor(() => repos.outbox.count('van') === 0, { what: 'the van outbox to empty' });
    expect(broker.published.map((p) => p.topic)).toEqual([
      'givre/v1/vans/VAN-07/alerts',
      'givre/v1/vans/VAN-07/alerts',
    ]);
    expect(broker.published.map((p) => [p.message.delivery, p.message.state])).toEqual([
      [`${opened}.van`, 'open'],
      [`${resolved}.van`, 'resolved'],
    ]);
  });

  it('publishes again after a restart what the broker had not acknowledged, under the same id', async () => {
    const repos = alertsWithOutbox(openStateDb(':memory:'));
    const [opened] = recordOpenedAndResolved(repos.alerts, 'VAN-07');
    const lost = standInBroker();
    lost.hold = true;
    const first = vanChannel(repos, lost);
    await waitFor(() => lost.published.length === 1, { what: 'the first publication' });
    first.stop(); // ingest dies before the PUBACK
    lost.release();
    expect(repos.outbox.count('van')).toBe(2);

    const broker = standInBroker();
    vanChannel(repos, broker);
    await waitFor(() => repos.outbox.count('van') === 0, { what: 'the van outbox to empty' });
    expect(broker.published[0]!.message.delivery).toBe(`${opened}.van`);
    expect(broker.published).toHaveLength(2);
  });

  it('is not held back by a webhook that never answers', async () => {
    const repos = alertsWithOutbox(openStateDb(':memory:'));
    const webhook = createAlertWebhookChannel({
      url: 'http://127.0.0.1:9/unreachable',
      secret: 'webhook-unit-test-secret',
      bus,
      outbox: repos.outbox,
      metrics: new MetricsRegistry(),
      logger: silent,
      retryDelayMs: 5,
      maxDelayMs: 20,
    });
    webhook.start();
    stops.push(() => webhook.stop());
    const broker = standInBroker();
    vanChannel(repos, broker);
    recordOpenedAndResolved(repos.alerts, 'VAN-07', 0);
    bus.emit('alert', repos.outbox.owed('van', 1)[0]!.notice);
    recordOpenedAndResolved(repos.alerts, 'VAN-08', 5);
    bus.emit('alert', repos.outbox.owed('van', 1)[0]!.notice);
    await waitFor(() => broker.published.length === 4, { what: 'four messages to the vans' });
    expect(repos.outbox.count('van')).toBe(0);
    expect(repos.outbox.count('webhook')).toBe(4);
  });
});
