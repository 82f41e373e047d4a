import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { createAlertChannel } from './alert-channel.ts';
import { createDashboardApp } from './app.ts';
import { authenticateSockets } from './auth/socket-auth.ts';
import type { DashboardDeps } from './deps.ts';
import { createLiveChannel, type LiveServer } from './live-channel.ts';
import { isSameOrigin } from './same-origin.ts';
import { pageBundles } from './pages.ts';

export type { DashboardDeps } from './deps.ts';

export interface DashboardServer {
  /** Builds the browser bundle, then listens; port 0 picks a free port, returned. */
  listen(port: number, host: string): Promise<{ port: number }>;
  /** Stops live updates, disconnects browsers, closes the HTTP server. */
  close(): Promise<void>;
  io: LiveServer;
}

/** Default smallest gap between two `van:update` emits for one van, ms. */
export const DEFAULT_EMIT_INTERVAL_MS = 1000;

/**
 * `tls`: a PEM certificate chain and key (GIVRE_TLS_CERT / GIVRE_TLS_KEY) to serve HTTPS
 * instead of HTTP (issue 4).
 */
export function createDashboardServer(
  deps: DashboardDeps & { tls?: { cert: Buffer; key: Buffer } },
): DashboardServer {
  const bundles = pageBundles();
  const app = createDashboardApp(deps, bundles);
  const http = deps.tls
    ? createHttpsServer({ cert: deps.tls.cert, key: deps.tls.key }, app)
    : createServer(app);
  const io: LiveServer = new Server(http, {
    serveClient: false, // the client is inside /app.js
    // Not through express: the socket's handshake checks the Host (issue 11, 6) and Origin here.
    allowRequest: (req, callback) =>
      callback(
        null,
        (deps.hosts?.allows(req.headers.host) ?? true) && isSameOrigin(req, deps.hosts?.publicOrigin),
      ),
    maxHttpBufferSize: 64 * 1024, // browsers send nothing big; bounds what a bad client can make us buffer
  });
  // Before the channels' own connection listeners: every socket has its person and rooms first.
  const stopSocketAuth = authenticateSockets(io, deps.auth);
  const live = createLiveChannel({
    io,
    bus: deps.bus,
    fleet: deps.fleet,
    metrics: deps.metrics,
    logger: deps.logger,
    emitIntervalMs: deps.emitIntervalMs ?? DEFAULT_EMIT_INTERVAL_MS,
  });
  const alertChannel = deps.alerts
    ? createAlertChannel({ io, bus: deps.bus, alerts: deps.alerts, metrics: deps.metrics })
    : undefined;
  const log = deps.logger.child('dashboard');
  let started = false;

  return {
    io,
    async listen(port, host) {
      await Promise.all(Object.values(bundles).map((b) => b.script()));
      await new Promise<void>((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => {
          http.off('error', reject);
          resolve();
        });
      });
      live.start();
      alertChannel?.start();
      started = true;
      const bound = (http.address() as AddressInfo).port;
      log.info(`dashboard listening on ${deps.tls ? 'https' : 'http'}://${host}:${bound}`);
      return { port: bound };
    },
    async close() {
      live.stop();
      stopSocketAuth();
      alertChannel?.stop();
      // io.close() disconnects every socket, then closes the HTTP server it is attached to.
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
        // Keep-alive connections would hold close() open until they time out.
        http.closeAllConnections();
      });
      if (started) log.info('dashboard closed');
    },
  };
}
