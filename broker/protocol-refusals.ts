/**
 * aedes refuses some packets itself, before any hook of ours, by closing the connection
 * (MQTT 3.1.1 §4.8: a protocol violation ends the connection): wildcards in a publish
 * topic (§3.3.2-2), an empty topic (§4.7.3-1), malformed filters (§4.7.1) and topics
 * deeper than its level limit. It reports them only as a `clientError`; this names the
 * refusal so that it is counted by reason like ours, or null for other client errors.
 */
export function protocolRefusalOf(error: Error): string | null {
  const message = error.message;
  if (/^[#+] is not allowed in PUBLISH/.test(message)) return 'publish-wildcard';
  if (message.startsWith('empty topic not allowed in PUBLISH')) return 'publish-empty-topic';
  if (message === 'topic has too many levels') return 'too-many-topic-levels';
  if (/SUBSCRIBE/.test(message)) return 'subscribe-malformed-filter';
  return null;
}
