/**
 * Who a connected client is, and what it may do. Issue 4 replaces the open policy with
 * per-van credentials and a topic ACL; the broker only ever talks to this interface.
 */
export type Identity =
  { kind: 'van'; van: string } | { kind: 'service'; name: string } | { kind: 'anonymous' };

/** MQTT 3.1.1 §3.2.2.3 CONNACK return codes a refusal may carry. */
export type ConnectRefusal = 'bad-username-or-password' | 'not-authorized';

export interface AccessPolicy {
  /** Resolves the identity of a connecting client, or a refusal. */
  authenticate(
    clientId: string,
    username: string | undefined,
    password: Buffer | undefined,
  ): Promise<Identity | ConnectRefusal>;
  /** Whether this identity may publish to `topic` (wildcards and `$SYS` are refused earlier). */
  mayPublish(identity: Identity, topic: string): boolean;
  /** Whether this identity may subscribe to `filter`. */
  maySubscribe(identity: Identity, filter: string): boolean;
}

/**
 * The policy of a fresh installation before device credentials exist: everyone may
 * connect as anonymous and use the givre topics. The broker still refuses `$SYS`
 * publishes and oversize payloads for everyone.
 */
export const openAccessPolicy: AccessPolicy = {
  async authenticate() {
    return { kind: 'anonymous' };
  },
  mayPublish() {
    return true;
  },
  maySubscribe() {
    return true;
  },
};
