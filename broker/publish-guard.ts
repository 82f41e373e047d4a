/** Why the broker refuses a publish whoever sends it; `publish-{reason}` in `givre_broker_refused_total`. */
export type PublishRefusal = 'sys-topic' | 'oversize';

/**
 * Checks that every client publish must pass, whoever the client is:
 * - `$SYS/...` is the broker's own namespace (MQTT 3.1.1 §4.7.2): clients may not write it;
 * - a payload larger than the limit is refused before it reaches any subscriber.
 * (Wildcards in a publish topic are refused by aedes itself, MQTT 3.1.1 §3.3.2.1.)
 */
export function checkPublish(
  topic: string,
  payloadBytes: number,
  maxPayloadBytes: number,
): PublishRefusal | null {
  if (topic.startsWith('$')) return 'sys-topic';
  if (payloadBytes > maxPayloadBytes) return 'oversize';
  return null;
}
