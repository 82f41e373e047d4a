import type { Aedes, Client, PublishPacket } from 'aedes';
import type { BeforeAcknowledge } from './broker.ts';

/** aedes' `publish` as its JavaScript takes it, with the publishing client (aedes.js); its types omit the client. */
type PublishAs = (this: Aedes, packet: PublishPacket, client: Client, done: (err?: Error) => void) => void;

/** What a durable persistence tells of a packet queued (sqlite-persistence.ts). */
export interface QueueSignal {
  onceQueued(brokerCounter: number, queued: () => void): () => void;
}

/**
 * "Acknowledged" means "in every subscriber's durable queue" (issue 13), for the embedded
 * broker on a durable persistence (sqlite-persistence.ts). aedes sends a QoS 1 PUBACK on
 * receipt and routes after (handlers/publish.js); this routes first, through aedes' own
 * `publish` — retained message stored, then the message queued for every matching persistent
 * session, online or not (`enqueueOffline`), then handed to the live subscribers — and lets
 * the PUBACK go as soon as the queues have it (`routed`: broker.ts then makes aedes
 * acknowledge it and route it nowhere, so it is delivered once). Not later: a van's next
 * reading must not wait for a slow live subscriber's socket to drain. It is the call aedes
 * would have made, with the same fields and client, so `clientId`, `retain` and `dup` come
 * out as without it; aedes gets a copy, so that the drop of the original leaves its
 * `publish` event whole. If a write fails the publish is refused: the connection closes
 * without a PUBACK and the van sends the message again.
 *
 * QoS 2 is left to aedes, which already stores the packet and routes it before its PUBREC
 * and knows a retransmission by its message id; routing it here would deliver a repeated
 * one twice. QoS 0 is acknowledged by nobody.
 */
export function enqueueBeforeAcknowledge(aedes: () => Aedes, queues: QueueSignal): BeforeAcknowledge {
  return (packet, client) => {
    if (packet.qos !== 1) return Promise.resolve('route');
    const broker = aedes();
    const publish = broker.publish as unknown as PublishAs;
    return new Promise((resolve, reject) => {
      // aedes numbers the packet (aedes-packet: ++broker.counter) as `publish` begins.
      const counter = (broker as unknown as { counter: number }).counter + 1;
      const forget = queues.onceQueued(counter, () => resolve('routed'));
      publish.call(broker, { ...packet }, client, (err) => {
        forget();
        if (err) reject(err);
        else resolve('routed');
      });
    });
  };
}
