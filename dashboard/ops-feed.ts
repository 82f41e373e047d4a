import mqtt, { type MqttClient } from 'mqtt';
import { decodeOpsMessage } from '../core/decode-ops.ts';
import type { CommandReply } from '../core/ops-messages.ts';
import { OPS_ALERTS_TOPIC, OPS_FLEET_FILTER, replyTopic } from '../core/ops-topics.ts';
import type { VanState } from '../core/van-state.ts';
import type { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';
import type { Feature } from '../platform/feature.ts';
import type { Logger } from '../platform/logger.ts';
import type { MetricsRegistry } from '../platform/metrics.ts';
import type { AlertRepository } from '../state/alert-repository.ts';
import type { VanStateRepository } from '../state/van-state-repository.ts';
import type { FleetReader } from './deps.ts';

export interface OpsFeedOptions {
  url: string;
  credentials?: { username: string; password: string };
  /** This dashboard's MQTT client id, also its reply address. */
  clientId: string;
  bus: EventBus<GivreEvents>;
  alerts: Pick<AlertRepository, 'transitionsAfter' | 'get' | 'lastSeq'>;
  vanStates: Pick<VanStateRepository, 'all'>;
  onReply: (reply: CommandReply) => void;
  metrics: MetricsRegistry;
  logger: Logger;
  maxPayloadBytes: number;
  /** How often the store is read for transitions no message announced, ms (a safety net). */
  pollMs?: number;
  /** How long `start` waits for the broker before going on without it, ms. */
  connectWaitMs?: number;
}

export interface OpsFeed extends FleetReader, Feature {
  connected(): boolean;
  /**
   * The last alert transition relayed to the live channel. A browser that connects is
   * replayed up to here and no further: what comes after, the relay sends, so no transition
   * reaches it twice or falls between the two.
   */
  alertCursor(): number;
  publish(topic: string, payload: string): Promise<void>;
}

/** Transitions read from the store at a time while catching up. */
const PAGE = 500;

/**
 * How a dashboard follows what ingest decided (issue 9), on the broker and the state store:
 * - the fleet: `givre/v1/ops/fleet/{van}` messages, and the store's `van_states` at start and
 *   after every reconnection, so nothing missed while away stays stale;
 * - alerts: every transition in the store's order (seq), announced on the bus for the live
 *   channel. A `givre/v1/ops/alerts` message only says "read now": the store is the truth,
 *   so a lost message or a reconnection loses nothing and nothing is sent twice;
 * - replies to its commands, on its own topic.
 * It decodes nothing of the vans' telemetry: ingest does.
 */
export function createOpsFeed(o: OpsFeedOptions): OpsFeed {
  const log = o.logger.child('ops');
  const rejected = o.metrics.counter('givre_ops_rejected_total', 'Internal messages refused, by reason.');
  const vans = new Map<string, VanState>();
  let cursor = 0;
  let client: MqttClient | undefined;
  let poll: NodeJS.Timeout | undefined;

  const show = (state: VanState) => {
    vans.set(state.van, state);
    o.bus.emit('van-state', state);
  };
  const resyncFleet = () => {
    for (const state of o.vanStates.all()) show(state);
  };
  const catchUp = () => {
    for (;;) {
      const batch = o.alerts.transitionsAfter(cursor, PAGE);
      for (const t of batch) {
        cursor = t.seq;
        const episode = o.alerts.get(t.alertId);
        if (episode) o.bus.emit('alert', { seq: t.seq, episode, transition: t.transition });
      }
      if (batch.length < PAGE) return;
    }
  };
  const onMessage = (topic: string, payload: Buffer) => {
    const decoded = decodeOpsMessage(topic, payload, o.maxPayloadBytes);
    if (!decoded.ok) {
      rejected.inc({ reason: decoded.reason });
      log.rateLimited(
        `ops-reject-${decoded.reason}`,
        'warn',
        `rejected an internal message: ${decoded.reason}`,
        {
          detail: decoded.detail,
        },
      );
      return;
    }
    switch (decoded.kind) {
      case 'fleet':
        return show(decoded.message.state);
      case 'alerts':
        return catchUp();
      case 'replies':
        if (decoded.client === o.clientId) o.onReply(decoded.message);
        return;
      default:
        rejected.inc({ reason: 'not-inbound' });
    }
  };

  return {
    name: 'ops feed',
    list: () => [...vans.values()].sort((a, b) => a.van.localeCompare(b.van)),
    get: (van) => vans.get(van),
    connected: () => client?.connected === true,
    alertCursor: () => cursor,
    async publish(topic, payload) {
      if (!client) throw new Error('the dashboard is not connected to a broker');
      await client.publishAsync(topic, payload, { qos: 1 });
    },
    async start() {
      resyncFleet();
      cursor = o.alerts.lastSeq();
      const c = mqtt.connect(o.url, {
        clientId: o.clientId,
        // The store is the truth to catch up from: no session to resume.
        clean: true,
        reconnectPeriod: 1_000,
        connectTimeout: 10_000,
        ...(o.credentials ?? {}),
      });
      client = c;
      c.on('message', onMessage);
      c.on('error', (err) => log.rateLimited('ops-error', 'warn', 'broker error', { error: err.message }));
      const subscribed = new Promise<void>((resolve) => {
        c.on('connect', () => {
          c.subscribe(
            {
              [OPS_ALERTS_TOPIC]: { qos: 1 },
              [OPS_FLEET_FILTER]: { qos: 1 },
              [replyTopic(o.clientId)]: { qos: 1 },
            },
            (err) => {
              if (err) log.error('subscription failed', { error: err.message });
              // Whatever happened while away is in the store.
              resyncFleet();
              catchUp();
              resolve();
            },
          );
        });
      });
      poll = setInterval(catchUp, o.pollMs ?? 2_000);
      poll.unref();
      let waited: NodeJS.Timeout | undefined;
      await Promise.race([
        subscribed,
        new Promise<void>((resolve) => (waited = setTimeout(resolve, o.connectWaitMs ?? 10_000))),
      ]);
      clearTimeout(waited);
      if (!c.connected) log.warn('broker not reachable yet; the dashboard keeps trying', { url: o.url });
    },
    async stop() {
      if (poll) clearInterval(poll);
      poll = undefined;
      const c = client;
      client = undefined;
      await c?.endAsync(true);
    },
  };
}
