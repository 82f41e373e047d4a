import { Aedes, type AuthenticateError, type Client, type PublishPacket } from 'aedes';
import { createServer, type Server } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import type { Logger } from '../platform/logger.ts';
import type { MetricsRegistry } from '../platform/metrics.ts';
import { openAccessPolicy, type AccessPolicy, type Identity } from './access-policy.ts';
import { protocolRefusalOf } from './protocol-refusals.ts';
import { checkPublish } from './publish-guard.ts';

export interface BrokerOptions {
  metrics: MetricsRegistry;
  logger: Logger;
  /** Largest publish payload accepted, bytes. */
  maxPayloadBytes: number;
  access?: AccessPolicy;
  /** aedes persistence (default in memory; `buildBroker` gives it broker.db, sqlite-persistence.ts); Redis for scale-out. */
  persistence?: unknown;
  /**
   * Runs on every accepted publish before the broker acknowledges it (issue 13). aedes sends
   * a QoS 1 PUBACK right after `authorizePublish`, before it routes the message anywhere, so
   * this is the one place where "acknowledged" can be made to mean "durable". Resolves once
   * the message is safe: `route` lets aedes route it as usual, `routed` says the hook routed
   * it itself and aedes must not route it again. A rejection closes the client's connection
   * unacknowledged, so the client sends the message again after it reconnects.
   */
  beforeAcknowledge?: BeforeAcknowledge;
}

export type BeforeAcknowledge = (packet: PublishPacket, client: Client) => Promise<'route' | 'routed'>;

export interface GivreBroker {
  readonly aedes: Aedes;
  /** Listens for MQTT over TCP; port 0 picks a free one. */
  listen(port: number, host: string): Promise<{ port: number }>;
  /** Listens for MQTT over TLS (mqtts, 8883) with a PEM certificate chain and key. */
  listenTls(port: number, host: string, tls: { cert: Buffer; key: Buffer }): Promise<{ port: number }>;
  connectedClients(): number;
  close(): Promise<void>;
}

/** CONNACK return codes, MQTT 3.1.1 §3.2.2.3. */
const CONNACK = { 'identifier-rejected': 2, 'bad-username-or-password': 4, 'not-authorized': 5 } as const;

/**
 * Where a refused publish goes: nowhere. No client may subscribe to a `$` topic here, and
 * `#` never matches one (MQTT 3.1.1 §4.7.2), so a publish rewritten to it reaches nobody.
 */
const DROPPED_TOPIC = '$GIVRE/dropped';

/** Makes aedes acknowledge a publish as usual and route it nowhere. */
function drop(packet: PublishPacket): void {
  packet.topic = DROPPED_TOPIC;
  packet.retain = false;
}

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
  const disconnected = options.metrics.counter(
    'givre_broker_disconnects_total',
    'Clients the broker disconnected, by reason (revoked: their credentials were revoked or re-issued).',
  );
  const identities = new WeakMap<Client, Identity>();
  const identityOf = (client: Client): Identity => identities.get(client) ?? { kind: 'anonymous' };

  const aedes = await Aedes.createBroker({
    ...(options.persistence ? { persistence: options.persistence } : {}),
    authenticate(client, username, password, done) {
      access.authenticate(client.id, username, password).then(
        (result) => {
          if (!('kind' in result)) {
            refused.inc({ reason: result.reason });
            log.rateLimited(result.reason, 'warn', `refused a connection (${result.reason})`, {
              client: client.id,
            });
            const error = new Error(`connection refused: ${result.reason}`) as AuthenticateError;
            error.returnCode = CONNACK[result.code];
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
      const guard = checkPublish(packet.topic, packet.payload.length, options.maxPayloadBytes);
      const reason = guard ? `publish-${guard}` : access.publishRefusal(identityOf(client), packet.topic);
      if (reason) {
        refused.inc({ reason });
        log.rateLimited(reason, 'warn', `dropped a publish (${reason})`, { client: client.id });
        // MQTT 3.1.1 §3.3.5 (MQTT-3.3.5-2): an unauthorized publish is either acknowledged
        // as usual and dropped, or the connection closed. We drop: a van that keeps an
        // unacknowledged message re-sends it after every reconnect, so closing would loop
        // forever and block that van's good readings queued behind it.
        drop(packet);
        return done(null);
      }
      published.inc();
      const hold = options.beforeAcknowledge;
      if (!hold) return done(null);
      hold(packet, client).then(
        (outcome) => {
          if (outcome === 'routed') drop(packet);
          done(null);
        },
        (err: Error) => {
          log.rateLimited('hold-failed', 'warn', 'closed a connection with a publish not yet safe', {
            client: client.id,
            error: err.message,
          });
          done(err);
        },
      );
    },
    authorizeForward(client, packet) {
      // aedes keeps a persistent session's SUBSCRIBE as the packet carried it, a refused filter
      // beside a granted one included (handlers/subscribe.js stores the whole packet), and
      // queues what matches it while the client is away. So the ACL holds here too: a client
      // receives only what it may subscribe to (for a van: its own alerts and receipts).
      const reason = access.subscribeRefusal(identityOf(client), packet.topic);
      if (!reason) return packet;
      refused.inc({ reason: 'forward-not-permitted' });
      log.rateLimited('forward-not-permitted', 'warn', 'withheld a message from a client not allowed it', {
        client: client.id,
      });
      return null;
    },
    authorizeSubscribe(client, subscription, done) {
      const reason = subscription.topic.startsWith('$')
        ? 'subscribe-sys-topic'
        : access.subscribeRefusal(identityOf(client), subscription.topic);
      if (reason) {
        refused.inc({ reason });
        log.rateLimited(reason, 'warn', `refused a subscription (${reason})`, { client: client.id });
        // A null subscription makes aedes answer SUBACK 0x80 (failure) without disconnecting.
        return done(null, null);
      }
      done(null, subscription);
    },
  });

  const connected = new Set<Client>();
  /** Closes the connection of every client whose credentials no longer hold (issue 4: revoke). */
  const sweep = () => {
    if (!access.stillValid) return;
    for (const client of connected) {
      const identity = identities.get(client);
      if (identity && !access.stillValid(identity)) {
        disconnected.inc({ reason: 'revoked' });
        log.info('disconnected a client whose credentials were revoked', { client: client.id });
        identities.delete(client);
        client.close();
      }
    }
  };
  const stopWatching = access.onChange?.(sweep);
  aedes.on('clientDisconnect', (client) => connected.delete(client));
  aedes.on('client', (client) => {
    connected.add(client);
    // A revocation that landed between authentication and registration is caught here.
    const identity = identities.get(client);
    if (identity && access.stillValid && !access.stillValid(identity)) sweep();
  });

  aedes.on('clientError', (client, err) => {
    const reason = protocolRefusalOf(err);
    if (reason) refused.inc({ reason });
    log.rateLimited(reason ?? 'client-error', 'warn', 'client connection closed on error', {
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

  const servers: Server[] = [];
  const listenOn = (server: Server, port: number, host: string) =>
    new Promise<{ port: number }>((resolve, reject) => {
      // Sockets that misbehave before MQTT framing starts are closed without touching the broker.
      server.on('error', (err) => log.error('broker listener error', { error: err.message }));
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        servers.push(server);
        const address = server.address();
        resolve({ port: typeof address === 'object' && address ? address.port : port });
      });
    });

  return {
    aedes,
    listen: (port, host) => listenOn(createServer(aedes.handle), port, host),
    listenTls(port, host, tls) {
      const server = createTlsServer({ cert: tls.cert, key: tls.key }, aedes.handle);
      // A failed TLS handshake (wrong CA, plain MQTT on 8883) closes that socket only.
      server.on('tlsClientError', (err) =>
        log.rateLimited('tls-error', 'warn', 'TLS handshake failed', { error: err.message }),
      );
      return listenOn(server, port, host);
    },
    connectedClients: () => aedes.connectedClients,
    close() {
      stopWatching?.();
      return new Promise((resolve) => {
        for (const server of servers) server.close(() => undefined);
        aedes.close(() => resolve());
      });
    },
  };
}
