import type { Socket } from 'socket.io';
import { seesWholeFleet } from '../../core/people/authz.ts';
import type { Principal } from '../../core/people/principal.ts';
import type { LiveServer } from '../live-channel.ts';
import type { AuthFeature } from './auth-feature.ts';
import { OPEN_PRINCIPAL } from './principal-of.ts';
import { signedInFrom } from './session-gate.ts';

/** Room of the sockets that see every van (admins, coordinators). */
export const FLEET_ROOM = 'fleet';
const vanRoom = (van: string) => `van:${van}`;

/** Where a van's updates and alerts go: the fleet room and that van's room (its drivers). */
export const roomsFor = (van: string): string[] => [FLEET_ROOM, vanRoom(van)];

/** Puts a socket in the rooms of its person's scope; idempotent, so every channel may call it. */
export function joinScope(socket: Socket, user: Principal): void {
  void socket.join(seesWholeFleet(user) ? [FLEET_ROOM] : user.vans.map(vanRoom));
}

/**
 * The handshake is authenticated with the session cookie (the browser sends it with the
 * polling and WebSocket requests alike); no session, no socket — the client sees
 * `connect_error` with `GIVRE_ERR_UNAUTHENTICATED`. Browsers only listen on this channel,
 * so any event a client emits is a misbehaving client: it is disconnected.
 */
export function authenticateSockets(
  io: LiveServer,
  auth: AuthFeature | undefined,
  /** How soon a socket whose session ended (logout, expiry, user disabled, here or by `givre user`) is dropped, ms. */
  recheckMs = 2_000,
): () => void {
  io.use((socket, next) => {
    if (!auth) {
      socket.data.user = OPEN_PRINCIPAL;
      return next();
    }
    const signedIn = signedInFrom(auth, socket.request.headers.cookie);
    if (!signedIn) return next(new Error('GIVRE_ERR_UNAUTHENTICATED'));
    socket.data.user = signedIn.principal;
    next();
  });
  io.on('connection', (socket) => {
    joinScope(socket, socket.data.user);
    socket.onAny(() => socket.disconnect(true));
  });
  if (!auth) return () => undefined;
  // A live socket outlives the request that opened it: re-check its session, so that signing
  // out or disabling a user also stops the live updates it was receiving.
  const timer = setInterval(() => {
    for (const socket of io.sockets.sockets.values()) {
      if (!signedInFrom(auth, socket.request.headers.cookie)) socket.disconnect(true);
    }
  }, recheckMs);
  timer.unref();
  return () => clearInterval(timer);
}
