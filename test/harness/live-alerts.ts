import { io, type Socket } from 'socket.io-client';
import type { AlertNotice } from '../../core/alerts/alert-notice.ts';
import { waitFor } from './wait-for.ts';

/**
 * A signed-in person's browser on the dashboard's live channel, following alerts as the
 * page does: it reconnects on its own (every 200–500 ms) with the last transition `seq` it
 * saw, so the dashboard replays what it missed. Every `alert:transition` is kept, repeats
 * included, for the test to count.
 */
export interface LiveAlerts {
  /** Every transition received, in order of arrival. */
  readonly notices: readonly AlertNotice[];
  /** The last transition seq seen (from the snapshot or a transition). */
  readonly lastSeq: number | undefined;
  readonly socket: Socket;
  close(): void;
}

/** Connects with the session `cookie` and resolves once the first `alerts:snapshot` came. */
export async function followLiveAlerts(dashboardUrl: string, cookie: string): Promise<LiveAlerts> {
  const notices: AlertNotice[] = [];
  let lastSeq: number | undefined;
  const socket: Socket = io(dashboardUrl, {
    extraHeaders: { cookie },
    auth: (cb) => cb(lastSeq === undefined ? {} : { alertSeq: lastSeq }),
    reconnectionDelay: 200,
    reconnectionDelayMax: 500,
  });
  socket.on('alerts:snapshot', (s: { seq: number }) => (lastSeq = s.seq));
  socket.on('alert:transition', (n: AlertNotice) => {
    notices.push(n);
    lastSeq = Math.max(lastSeq ?? 0, n.seq);
  });
  await waitFor(() => lastSeq !== undefined, { what: 'the live channel’s first alerts snapshot' });
  return {
    notices,
    get lastSeq() {
      return lastSeq;
    },
    socket,
    close: () => void socket.close(),
  };
}
