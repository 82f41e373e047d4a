import type { IncomingMessage } from 'node:http';

/**
 * WebSockets are not covered by CORS: any page a coordinator visits could open a socket to
 * the dashboard on the depot network and read the fleet. A browser always sends `Origin`;
 * it must name the host the request was sent to. Clients without `Origin` (scripts, tests,
 * other services) are not browsers and are let through; authentication comes later.
 */
export function isSameOrigin(
  req: Pick<IncomingMessage, 'headers'>,
  /** GIVRE_PUBLIC_URL's origin: what browsers send behind a proxy that rewrites the Host. */
  publicOrigin?: string,
): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (publicOrigin !== undefined && origin === publicOrigin) return true;
  const host = req.headers.host;
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
