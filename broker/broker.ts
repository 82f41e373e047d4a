import { Aedes, type AuthenticateError, type Client } from 'aedes';
import { createServer, type Server } from 'node:net';
import type { Logger } from '../platform/logger.ts';
import type { MetricsRegistry } from '../platform/metrics.ts';
import { openAccessPolicy, type AccessPolicy, type Identity } from './access-policy.ts';
import { checkPublish } from './publish-guard.ts';

export interface BrokerOptions {
  metrics: MetricsRegistry;
  logger: Logger;
  /** Largest publish payload accepted, bytes. */
  maxPayloadBytes: number;
  access?: AccessPolicy;
  /** aedes persistence (default in memory); Redis for scale-out. */
  persistence?: unknown;
}

export interface GivreBroker {
  readonly aedes: Aedes;
  /** Listens for MQTT over TCP; port 0 picks a free one. */
  listen(port: number, host: string): Promise<{ port: number }>;
  connectedClients(): number;
  close(): Promise<void>;
}

/** CONNACK return codes, MQTT 3.1.1 §3.2.2.3. */
const CONNACK = { 'bad-username-or-password': 4, 'not-authorized': 5 } as const;

export async function createBroker(options: BrokerOptions): Promise<GivreBroker> {
  const access = options.access ?? openAccessPolicy;
  const log = options.logger;
  const refused = options.metrics.counter(
    'givre_broker_refused_total',
    'Publishes, subscriptions and connections the broker refused, by reason.',
  );
  const published = options.metrics.counter(
    'givre_broker_publishes_total',
    'Publishes accepted from clients.',
  );
  const identities = new WeakMap<Client, Identity>();

  const aedes = await Aedes.createBroker({
    ...(options.persistence ? { persistence: options.persistence } : {}),
    authenticate(client, username, password, done) {
      access.authenticate(client.id, username, password).then(
        (result) => {
          if (typeof result === 'string') {
            refused.inc({ reason: `connect-${result}` });
            const error = new Error(`connection refused: ${result}`) as AuthenticateError;
            error.returnCode = CONNACK[result];
            return done(error, false);
          }
          identities.set(client, result);
          done(null, true);
        },
        (err: Error) => {
          log.error('authentication failed', { error: err.message });
          const error = new Error('authentication unavailable') as AuthenticateError;
          error.returnCode = 3; // server unavailable
          done(error, false);
        },
      );
    },
    authorizePublish(client, packet, done) {
      // A null client is aedes publishing a will of a client that is gone: already vetted.
      if (!client) return done(null);
      const refusal = checkPublish(packet.topic, packet.payload.length, options.maxPayloadBytes);
      const identity = identities.get(client) ?? { kind: 'anonymous' };
      const reason = refusal ?? (access.mayPublish(identity, packet.topic) ? null : 'not-authorized');
      if (reason) {
        refused.inc({ reason });
        log.rateLimited(`publish-${reason}`, 'warn', `refused a publish (${reason})`, { client: client.id });
        // MQTT 3.1.1 has no negative PUBACK: the spec's answer is to close the connection.
        return done(new Error(`publish refused: ${reason}`));
      }
      published.inc();
      done(null);
    },
    authorizeSubscribe(client, subscription, done) {
      const identity = identities.get(client) ?? { kind: 'anonymous' };
      if (!access.maySubscribe(identity, subscription.topic)) {
        refused.inc({ reason: 'subscribe-not-authorized' });
        // A null subscription makes aedes answer SUBACK 0x80 (failure) without disconnecting.
        return done(null, null);
      }
      done(null, subscription);
    },
  });

  aedes.on('clientError', (client, err) => {
    log.rateLimited('client-error', 'warn', 'client connection closed on error', {
      client: client.id,
      error: err.message,
    });
  });
  aedes.on('connectionError', (_client, err) => {
    log.rateLimited('connection-error', 'warn', 'connection error', { error: err.message });
  });
  options.metrics.collectedGauge('givre_broker_clients', 'Clients connected to the embedded broker.', () => [
    { value: aedes.connectedClients },
  ]);

  const server: Server = createServer(aedes.handle);
  // Sockets that misbehave before MQTT framing starts are closed without touching the broker.
  server.on('error', (err) => log.error('broker listener error', { error: err.message }));

  return {
    aedes,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address();
          resolve({ port: typeof address === 'object' && address ? address.port : port });
        });
      });
    },
    connectedClients: () => aedes.connectedClients,
    close() {
      return new Promise((resolve) => {
        server.close(() => undefined);
        aedes.close(() => resolve());
      });
    },
  };
}
