import type { Socket } from 'socket.io-client';

/**
 * The server refuses a socket without a live session (issue 4) and socket.io-client does not
 * retry a refusal by middleware: the session ended, so go and sign in again.
 */
export function toLoginOnRefusal(socket: Pick<Socket, 'on'>): void {
  socket.on('connect_error', (err: Error) => {
    if (err.message === 'GIVRE_ERR_UNAUTHENTICATED')
      location.href = `/login?next=${encodeURIComponent(location.pathname + location.search)}`;
  });
}
