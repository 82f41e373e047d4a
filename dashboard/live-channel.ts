import type { Server, Socket } from 'socket.io';
import type { VanState } from '../core/van-state.ts';
import type { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';
import type { Logger } from '../platform/logger.ts';
import type { MetricsRegistry } from '../platform/metrics.ts';
import { createBatchingEmitter, type Timer } from '../platform/batching-emitter.ts';
import type { FleetReader } from './deps.ts';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from './events.ts';
import { joinScope, roomsFor } from './auth/socket-auth.ts';
import { visibleFleet } from './van-routes.ts';

export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface LiveChannelDeps {
  io: LiveServer;
  bus: EventBus<GivreEvents>;
  fleet: FleetReader;
  metrics: MetricsRegistry;
  logger: Logger;
  /** Smallest gap between two `van:update` emits for one van, ms. */
  emitIntervalMs: number;
  timer?: Timer;
}

/**
 * The dashboard's live feature (Zigbee2MQTT's extension shape): listens on the bus from
 * `start`, and `stop` removes its listener and timer. Every (re)connecting browser first
 * gets the whole fleet, then batched `van:update`s. Not volatile: a slow browser must not
 * silently miss the state that shows a compartment warming up.
 */
export function createLiveChannel(deps: LiveChannelDeps): { start(): void; stop(): void } {
  const emits = deps.metrics.counter('givre_dashboard_emits_total', 'socket.io broadcasts sent, by event.');
  const log = deps.logger.child('live');
  let offBus: (() => void) | undefined;

  const updates = createBatchingEmitter<VanState>({
    intervalMs: deps.emitIntervalMs,
    keyOf: (state) => state.van,
    emit: (state) => {
      // Only to the sockets whose person may see this van (issue 4).
      deps.io.to(roomsFor(state.van)).emit('van:update', state);
      emits.inc({ event: 'van:update' });
    },
    ...(deps.timer ? { timer: deps.timer } : {}),
  });

  const onConnection = (socket: LiveSocket) => {
    joinScope(socket, socket.data.user);
    socket.emit('fleet:snapshot', visibleFleet(deps.fleet, socket.data.user));
    emits.inc({ event: 'fleet:snapshot' });
    log.debug('browser connected', { id: socket.id });
  };

  return {
    start() {
      deps.metrics.collectedGauge(
        'givre_dashboard_sockets',
        'Browsers connected to the live channel.',
        () => [{ value: deps.io.of('/').sockets.size }],
      );
      deps.io.on('connection', onConnection);
      offBus = deps.bus.on('van-state', (state) => updates.push(state));
    },
    stop() {
      offBus?.();
      offBus = undefined;
      updates.close();
      deps.io.off('connection', onConnection);
    },
  };
}
