import { OPS_ALERTS_TOPIC, fleetTopic } from '../core/ops-topics.ts';
import type { AlertNoticeMessage, FleetStateMessage } from '../core/ops-messages.ts';
import { CONTRACT_VERSION } from '../core/messages.ts';
import type { VanState } from '../core/van-state.ts';
import { createKeyedThrottle } from '../platform/keyed-throttle.ts';
import type { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';
import type { Feature } from '../platform/feature.ts';
import type { Logger } from '../platform/logger.ts';
import type { MetricsRegistry } from '../platform/metrics.ts';
import type { VanStateRepository } from '../state/van-state-repository.ts';
import type { VanPublisher } from './alert-van-channel.ts';

interface PublisherDeps {
  bus: EventBus<GivreEvents>;
  publisher: VanPublisher;
  metrics: MetricsRegistry;
  logger: Logger;
}

const counter = (metrics: MetricsRegistry) =>
  metrics.counter(
    'givre_ops_published_total',
    'Messages published on the internal topics, by topic and result.',
  );

/**
 * Alert transitions to every dashboard (`givre/v1/ops/alerts`, QoS 1). The transition is in
 * the state store before it is announced, so this message is a prompt: a dashboard that
 * missed it (restart, reconnect) catches up from the store by seq (dashboard/ops-feed.ts).
 */
export function createOpsAlertPublisher(deps: PublisherDeps): Feature {
  const published = counter(deps.metrics);
  let off: (() => void) | undefined;
  return {
    name: 'ops alert publisher',
    start() {
      off = deps.bus.on('alert', (notice) => {
        const message: AlertNoticeMessage = { v: CONTRACT_VERSION, ...notice };
        deps.publisher.publish(OPS_ALERTS_TOPIC, JSON.stringify(message), { qos: 1 }).then(
          () => published.inc({ topic: 'alerts', result: 'ok' }),
          (err: Error) => {
            published.inc({ topic: 'alerts', result: 'failed' });
            deps.logger.rateLimited('ops-alert-failed', 'warn', 'could not announce an alert', {
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

/**
 * Each van's latest state (with its limits in force) to the state store and to every
 * dashboard (`givre/v1/ops/fleet/{van}`), at most once per `intervalMs` per van with the
 * newest state — a van reporting ten times a second must not cost ten writes and ten
 * messages — and a quiet van's change at once. Stopping writes what is pending.
 */
export function createFleetPublisher(
  deps: PublisherDeps & { repository: VanStateRepository; intervalMs: number },
): Feature {
  const published = counter(deps.metrics);
  let off: (() => void) | undefined;
  const emitter = createKeyedThrottle<VanState>({
    intervalMs: deps.intervalMs,
    keyOf: (state) => state.van,
    emit: (state) => {
      deps.repository.save(state);
      const message: FleetStateMessage = { v: CONTRACT_VERSION, state };
      deps.publisher.publish(fleetTopic(state.van), JSON.stringify(message), { qos: 1 }).then(
        () => published.inc({ topic: 'fleet', result: 'ok' }),
        (err: Error) => {
          published.inc({ topic: 'fleet', result: 'failed' });
          deps.logger.rateLimited('ops-fleet-failed', 'warn', 'could not announce a van state', {
            error: err.message,
          });
        },
      );
    },
  });
  return {
    name: 'fleet publisher',
    start() {
      off = deps.bus.on('van-state', (state) => emitter.push(state));
    },
    stop() {
      off?.();
      off = undefined;
      emitter.flush();
      emitter.close();
    },
  };
}
