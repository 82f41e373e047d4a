import type { Aedes, Client, PublishPacket } from 'aedes';
import type { BeforeAcknowledge } from './broker.ts';

/** aedes' `publish` as its JavaScript takes it, with the publishing client (aedes.js); its types omit the client. */
type PublishAs = (this: Aedes, packet: PublishPacket, client: Client, done: (err?: Error) => void) => void;

/**
 * "Acknowledged" means "in every subscriber's durable queue" (issue 13), for the embedded
 * broker on a durable persistence (sqlite-persistence.ts). aedes sends a QoS 1 PUBACK on
 * receipt and routes after (handlers/publish.js); this routes first, through aedes' own
 * `publish` — retained message stored, the message queued for every matching persistent
 * session, online or not (`enqueueOffline`), then handed to the live subscribers — and lets
 * the PUBACK go only once that is done (`routed`: broker.ts then makes aedes acknowledge it
 * and route it nowhere, so it is delivered once). It is the same call aedes would have made,
 * with the same packet and client, so `clientId`, `retain` and `dup` come out as without it.
 * If a write fails, the publish is refused: the connection closes without a PUBACK and the
 * van sends the message again.
 *
 * QoS 2 is left to aedes, which already stores the packet and routes it before its PUBREC
 * and knows a retransmission by its message id; routing it here would deliver a repeated
 * one twice. QoS 0 is acknowledged by nobody.
 */
export function enqueueBeforeAcknowledge(aedes: () => Aedes): BeforeAcknowledge {
  return (packet, client) => {
    if (packet.qos !== 1) return Promise.resolve('route');
    const broker = aedes();
    const publish = broker.publish as unknown as PublishAs;
    return new Promise((resolve, reject) =>
      publish.call(broker, packet, client, (err) => (err ? reject(err) : resolve('routed'))),
    );
  };
}
