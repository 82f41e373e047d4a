import { isIP, connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import mqttPacket, { type IPublishPacket, type Packet } from 'mqtt-packet';
import { startKeepalive } from './mqtt-keepalive.ts';

export interface LinkOptions {
  /** `mqtt://`, `tcp://` or `mqtts://` (TLS, verified against Node's CAs and NODE_EXTRA_CA_CERTS). */
  url: URL;
  clientId: string;
  username?: string;
  password?: string;
  /** Topic filters subscribed at QoS 1 once connected. */
  filters: readonly string[];
  /** Keepalive announced to the broker, s (0 turns it off, §3.1.2.10). */
  keepaliveS: number;
  /** Longest wait for CONNACK and SUBACK, ms. */
  connectTimeoutMs: number;
  /** Every inbound publish, as parsed; may arrive before `openLink` resolves (a resumed session). */
  onPublish(packet: IPublishPacket): void;
}

/** One MQTT 3.1.1 connection of ingest's intake. */
export interface Link {
  /**
   * Resolves once connected and subscribed, with whether the broker resumed the session;
   * rejects with LinkRefused if the broker refuses, or with the socket's error.
   */
  readonly ready: Promise<{ sessionPresent: boolean }>;
  /** Sends the PUBACKs of these packet ids, in order, in one socket write. */
  acknowledge(messageIds: readonly number[]): void;
  /** Stops reading the socket (TCP then holds the broker back), and resumes it. */
  pause(): void;
  resume(): void;
  /** Resolves when the connection ended, with why if it was not `close()`. */
  readonly ended: Promise<Error | undefined>;
  /** DISCONNECT (the persistent session stays with the broker), then closes the socket. */
  close(): Promise<void>;
}

/** A broker refused the connection (CONNACK return code, §3.2.2.3) or the subscription (§3.9.3). */
export class LinkRefused extends Error {
  override readonly name = 'LinkRefused';
}

const CONNACK_REASONS: Record<number, string> = {
  1: 'unacceptable protocol version',
  2: 'identifier rejected',
  3: 'server unavailable',
  4: 'bad user name or password',
  5: 'not authorized',
};
const SUBACK_FAILURE = 0x80;
/** PUBACK's fixed header (type 4, remaining length 2), before the 16-bit packet id. */
const PUBACK_HEADER = 0x4002_0000;

function dial(url: URL): Socket {
  const port = Number(url.port || (url.protocol === 'mqtts:' ? 8883 : 1883));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // SNI carries a host name only (RFC 6066 §3); an address is checked against the certificate's IP SANs.
  if (url.protocol === 'mqtts:')
    return tlsConnect({ host, port, ...(isIP(host) ? {} : { servername: host }) });
  return tcpConnect({ host, port });
}

const frame = (packet: Packet) => mqttPacket.generate(packet);

/**
 * Connects with a persistent session (`clean: false`), subscribes to `filters` at QoS 1 and
 * reads the socket continuously: every publish goes to `onPublish` as it is parsed, and
 * acknowledging is left to whoever made it durable. The link exists at once, so that a
 * publish of a resumed session, which may come before the SUBACK, can be acknowledged on it.
 */
export function openLink(options: LinkOptions): Link {
  const socket = dial(options.url);
  socket.setNoDelay(true);
  const parser = mqttPacket.parser({ protocolVersion: 4 });
  let settle: ((err?: Error) => void) | undefined;
  let sessionPresent = false;
  let closing = false;
  const fail = (err: Error) => {
    settle?.(err);
    socket.destroy(err);
  };
  const keepalive =
    options.keepaliveS > 0
      ? startKeepalive({
          intervalMs: options.keepaliveS * 1000,
          ping: () => socket.write(frame({ cmd: 'pingreq' })),
          dead: () => fail(new Error(`no answer from the broker for ${options.keepaliveS} s`)),
        })
      : undefined;
  const ended = new Promise<Error | undefined>((resolve) => {
    let why: Error | undefined;
    socket.on('error', (err) => (why ??= err));
    socket.on('close', () => {
      keepalive?.stop();
      const err = closing ? undefined : (why ?? new Error('the broker closed the connection'));
      settle?.(err);
      resolve(err);
    });
  });
  const subscribeId = 1;

  parser.on('packet', (packet: Packet) => {
    keepalive?.received();
    switch (packet.cmd) {
      case 'publish':
        if (packet.qos === 2) return fail(new Error('QoS 2 publish on a QoS 1 subscription'));
        return options.onPublish(packet);
      case 'connack': {
        const code = packet.returnCode ?? 0;
        if (code !== 0) return fail(new LinkRefused(`broker refused: ${CONNACK_REASONS[code] ?? code}`));
        sessionPresent = packet.sessionPresent;
        socket.write(
          frame({
            cmd: 'subscribe',
            messageId: subscribeId,
            subscriptions: options.filters.map((topic) => ({ topic, qos: 1 })),
          }),
        );
        return;
      }
      case 'suback':
        if ((packet.granted as number[]).some((g) => g === SUBACK_FAILURE))
          return fail(new LinkRefused('broker refused the subscription'));
        return settle?.();
      default:
        // PINGRESP, and the PUBACK/SUBACK of nothing we sent: liveness only.
        return;
    }
  });
  parser.on('error', (err: Error) => fail(new Error(`bad packet from the broker: ${err.message}`)));
  socket.on('data', (chunk: Buffer) => parser.parse(chunk));

  const connectPacket = frame({
    cmd: 'connect',
    protocolId: 'MQTT',
    protocolVersion: 4,
    clientId: options.clientId,
    clean: false,
    keepalive: options.keepaliveS,
    ...(options.username !== undefined ? { username: options.username } : {}),
    ...(options.password !== undefined ? { password: Buffer.from(options.password) } : {}),
  });
  socket.once(options.url.protocol === 'mqtts:' ? 'secureConnect' : 'connect', () =>
    socket.write(connectPacket),
  );

  const ready = new Promise<{ sessionPresent: boolean }>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`no CONNACK and SUBACK within ${options.connectTimeoutMs} ms`)),
      options.connectTimeoutMs,
    );
    settle = (err) => {
      settle = undefined;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve({ sessionPresent });
    };
  });
  // Awaited by the caller; a rejection seen only through `ended` is not left unhandled.
  ready.catch(() => undefined);
  return {
    ready,
    acknowledge(messageIds) {
      if (socket.destroyed) return;
      // PUBACK is 4 fixed bytes (§3.4): written by hand, a group's in one buffer.
      const acks = Buffer.allocUnsafe(messageIds.length * 4);
      messageIds.forEach((id, i) => acks.writeUInt32BE(PUBACK_HEADER | id, i * 4));
      socket.write(acks);
    },
    pause: () => socket.pause(),
    resume: () => socket.resume(),
    ended,
    async close() {
      closing = true;
      if (!socket.destroyed) socket.end(frame({ cmd: 'disconnect' }));
      const timer = setTimeout(() => socket.destroy(), 2_000);
      await ended;
      clearTimeout(timer);
    },
  };
}
