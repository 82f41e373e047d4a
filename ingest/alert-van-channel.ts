import type { AlertEpisode } from '../core/alert-episode.ts';
import { AlertMessage, CONTRACT_VERSION } from '../core/messages.ts';
import { vanTopic } from '../core/topics.ts';
import type { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';
import type { Logger } from '../platform/logger.ts';
import type { MetricsRegistry } from '../platform/metrics.ts';
import type { OutboxRepository, OwedDelivery } from '../state/outbox-repository.ts';
import { createOutboxPump, type AttemptResult } from './outbox-pump.ts';

export interface VanPublisher {
  publish(topic: string, payload: string, options: { qos: 0 | 1 }): Promise<void>;
}

/** The contract's in-cab message for an episode (core/messages.ts AlertMessage); `delivery` lets the cab drop a repeat. */
export function alertMessageOf(e: AlertEpisode, delivery?: string): AlertMessage {
  return AlertMessage.parse({
    v: CONTRACT_VERSION,
    id: e.id,
    ...(delivery !== undefined ? { delivery } : {}),
    van: e.van,
    ...(e.compartment !== null ? { compartment: e.compartment } : {}),
    kind: e.kind,
    severity: e.severity,
    state: e.state,
    startedAt: e.startedAt,
    detectedAt: e.detectedAt,
    ...(e.limit !== null ? { limit: e.limit } : {}),
    ...(e.peak !== null ? { peak: e.peak } : {}),
  });
}

/**
 * Delivery to the van (extension shape: start/stop): every change a driver sees — opened,
 * acknowledged, resolved (alert-delivery.ts `owedChannels`) — goes to
 * `givre/v1/vans/{van}/alerts` at QoS 1 from the outbox (issue 13), and leaves it only on the
 * broker's PUBACK: a message MQTT.js held in memory when ingest died is published again
 * after the restart, with the same `delivery` id.
 */
export function createAlertVanChannel(deps: {
  bus: EventBus<GivreEvents>;
  outbox: OutboxRepository;
  publisher: VanPublisher;
  metrics: MetricsRegistry;
  logger: Logger;
  /** First retry delay after the broker refused or lost a publication, ms (doubling, to 60 s). */
  retryDelayMs?: number;
}): { start(): void; stop(): void } {
  const sent = deps.metrics.counter(
    'givre_alert_van_messages_total',
    'Alert messages published to vans, by result (delivered on PUBACK, failed and retried).',
  );
  deps.metrics.collectedGauge('givre_alert_van_queue', 'Alert messages owed to vans (in the outbox).', () => [
    { value: deps.outbox.count('van') },
  ]);
  const publish = async ({ id, notice }: OwedDelivery): Promise<AttemptResult> => {
    const payload = JSON.stringify(alertMessageOf(notice.episode, id));
    try {
      await deps.publisher.publish(vanTopic(notice.episode.van, 'alerts'), payload, { qos: 1 });
      return { result: 'delivered' };
    } catch (err) {
      return { result: 'failed', error: (err as Error).message };
    }
  };
  return createOutboxPump({
    channel: 'van',
    outbox: deps.outbox,
    bus: deps.bus,
    deliver: publish,
    attempts: sent,
    logger: deps.logger,
    ...(deps.retryDelayMs !== undefined ? { retryDelayMs: deps.retryDelayMs } : {}),
  });
}
