import { z } from 'zod';
import type { AlertNotice } from '../core/alerts/alert-notice.ts';
import { can } from '../core/people/authz.ts';
import type { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';
import type { MetricsRegistry } from '../platform/metrics.ts';
import type { AlertService } from './alert-service.ts';
import { joinScope, roomsFor } from './auth/socket-auth.ts';
import type { LiveServer, LiveSocket } from './live-channel.ts';

/** The handshake's `auth`, validated like any other input: anything else is treated as a first visit. */
const Handshake = z.object({ alertSeq: z.number().int().min(0).optional() });

/** Most transitions replayed to one reconnecting browser; beyond, it gets a fresh snapshot instead. */
export const MAX_REPLAY = 500;

/**
 * Alerts on the live channel (extension shape). Never volatile: a browser must not miss an
 * alert. A browser (re)connects with `auth.alertSeq`, the last transition it saw; it receives
 * every later transition from the store, in order, then live ones. A first visit gets the
 * unresolved alerts as a snapshot. Replay happens synchronously in the connection handler
 * (SQLite is synchronous), so nothing stored meanwhile can fall between replay and live.
 */
export function createAlertChannel(deps: {
  io: LiveServer;
  bus: EventBus<GivreEvents>;
  alerts: AlertService;
  metrics: MetricsRegistry;
}): { start(): void; stop(): void } {
  const emits = deps.metrics.counter('givre_dashboard_emits_total', 'socket.io broadcasts sent, by event.');
  let off: (() => void) | undefined;

  const onConnection = (socket: LiveSocket) => {
    const user = socket.data.user;
    joinScope(socket, user);
    const sees = (van: string) => can(user, 'van:read', { van });
    const since = Handshake.safeParse(socket.handshake.auth ?? {}).data?.alertSeq;
    if (since !== undefined) {
      const missed = deps.alerts.transitionsAfter(since, MAX_REPLAY + 1);
      if (missed.length <= MAX_REPLAY) {
        for (const t of missed) {
          const episode = deps.alerts.get(t.alertId);
          if (episode && sees(episode.van))
            socket.emit('alert:transition', { seq: t.seq, episode, transition: t.transition });
        }
        emits.inc({ event: 'alert:replay' }, missed.length);
        return;
      }
    }
    socket.emit('alerts:snapshot', {
      seq: deps.alerts.lastSeq(),
      alerts: deps.alerts.unresolved().filter((a) => sees(a.van)),
    });
    emits.inc({ event: 'alerts:snapshot' });
  };

  return {
    start() {
      deps.io.on('connection', onConnection);
      off = deps.bus.on('alert', (notice: AlertNotice) => {
        deps.io.to(roomsFor(notice.episode.van)).emit('alert:transition', notice);
        emits.inc({ event: 'alert:transition' });
      });
    },
    stop() {
      off?.();
      off = undefined;
      deps.io.off('connection', onConnection);
    },
  };
}
