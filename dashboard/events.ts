import type { AlertEpisode } from '../core/alert-episode.ts';
import type { AlertNotice } from '../core/alerts/alert-notice.ts';
import type { VanState } from '../core/van-state.ts';
import type { RequestPrincipal } from '../core/people/principal.ts';

/**
 * The live channel's one typed contract, imported by the server (`live-channel.ts`) and by
 * the browser (`web/main.ts`), so both sides change together (Socket.IO's
 * `basic-crud-application` shape).
 */
export interface ServerToClientEvents {
  /** Sent once on every (re)connection: every van known, sorted by van id. Replaces what the page shows. */
  'fleet:snapshot': (vans: VanState[]) => void;
  /** A van's latest state; at most about one per van per `emitIntervalMs` (batched, not volatile). */
  'van:update': (van: VanState) => void;
  /** First connection: every unresolved alert, and the seq to send back (`auth.alertSeq`) on reconnect. */
  'alerts:snapshot': (snapshot: { seq: number; alerts: AlertEpisode[] }) => void;
  /** One alert transition, live or replayed after a reconnection, in `seq` order. */
  'alert:transition': (notice: AlertNotice) => void;
}

/**
 * The browser only listens: acknowledgements go through `POST /api/alerts/:id/ack`, where
 * CSRF, authorization and validation apply. A socket that emits anything is disconnected
 * (auth/socket-auth.ts), so there is no event to authorize beyond the handshake.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ClientToServerEvents {}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InterServerEvents {}

/** Set by the handshake (auth/socket-auth.ts): the signed-in person whose scope filters every emit. */
export interface SocketData {
  user: RequestPrincipal;
}
