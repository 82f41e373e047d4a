import type { AlertEpisode } from '../core/alert-episode.ts';
import type { AlertNotice } from '../core/alerts/alert-notice.ts';
import type { VanState } from '../core/van-state.ts';

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

/** The browser only listens: acknowledgements go through `POST /api/alerts/:id/ack`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ClientToServerEvents {}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InterServerEvents {}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SocketData {}
