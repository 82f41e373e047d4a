import type { AlertEpisode } from '../core/alert-episode.ts';
import { AlertMessage, CONTRACT_VERSION } from '../core/messages.ts';
import { vanTopic } from '../core/topics.ts';
import type { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';
import type { Logger } from '../platform/logger.ts';
import type { MetricsRegistry } from '../platform/metrics.ts';

export interface VanPublisher {
  publish(topic: string, payload: string, options: { qos: 0 | 1 }): Promise<void>;
}

/** The contract's in-cab message for an episode (core/messages.ts AlertMessage). */
export function alertMessageOf(e: AlertEpisode): AlertMessage {
  return AlertMessage.parse({
    v: CONTRACT_VERSION,
    id: e.id,
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
 * acknowledged, resolved — goes to `givre/v1/vans/{van}/alerts` at QoS 1. Escalations are
 * for coordinators and do not go to the cab.
 */
export function createAlertVanChannel(deps: {
  bus: EventBus<GivreEvents>;
  publisher: VanPublisher;
  metrics: MetricsRegistry;
  logger: Logger;
}): { start(): void; stop(): void } {
  const sent = deps.metrics.counter(
    'givre_alert_van_messages_total',
    'Alert messages published to vans, by result.',
  );
  let off: (() => void) | undefined;
  return {
    start() {
      off = deps.bus.on('alert', ({ episode, transition }) => {
        if (transition.to === 'escalated' || transition.to === 'reminded') return;
        const payload = JSON.stringify(alertMessageOf(episode));
        deps.publisher.publish(vanTopic(episode.van, 'alerts'), payload, { qos: 1 }).then(
          () => sent.inc({ result: 'ok' }),
          (err: Error) => {
            sent.inc({ result: 'failed' });
            deps.logger.rateLimited('van-alert-failed', 'warn', 'could not publish an alert to a van', {
              van: episode.van,
              error: err.message,
            });
          },
        );
      });
    },
    stop() {
      off?.();
      off = undefined;
    },
  };
}
