/**
 * Who a connected client is, and what it may do. The broker only ever talks to this
 * interface: `device-access-policy.ts` is Givre's (issue 4); `openAccessPolicy` is for tests
 * of other features and for brokers that sit behind another broker's authentication.
 */
export type Identity =
  /** `credential`: the stored hash the van's secret matched; a re-issued secret ends the session. */
  | { kind: 'van'; van: string; credential: string }
  | { kind: 'service'; name: string }
  | { kind: 'anonymous' };

/** MQTT 3.1.1 §3.2.2.3 CONNACK return codes a refusal may carry (2, 4, 5). */
export type ConnectRefusalCode = 'identifier-rejected' | 'bad-username-or-password' | 'not-authorized';

/** A refused connection: the CONNACK code and the reason counted in `givre_broker_refused_total`. */
export interface ConnectRefusal {
  code: ConnectRefusalCode;
  reason: string;
}

export interface AccessPolicy {
  /** Resolves the identity of a connecting client, or a refusal. */
  authenticate(
    clientId: string,
    username: string | undefined,
    password: Buffer | undefined,
  ): Promise<Identity | ConnectRefusal>;
  /** Null when this identity may publish to `topic`, else the reason it may not (`publish-…`). */
  publishRefusal(identity: Identity, topic: string): string | null;
  /** Null when this identity may subscribe to `filter`, else the reason (`subscribe-…`). */
  subscribeRefusal(identity: Identity, filter: string): string | null;
  /** Whether a connected identity's credentials still hold (after a revocation or re-issue). */
  stillValid?(identity: Identity): boolean;
  /** Calls `listener` when credentials may have changed; returns the unsubscribe. */
  onChange?(listener: () => void): () => void;
}

/**
 * Everyone may connect as anonymous and use every topic. The broker still refuses `$…`
 * publishes and subscriptions and oversize payloads for everyone. `givre start` never uses
 * it with the embedded broker; the integration tests of features other than device security do.
 */
export const openAccessPolicy: AccessPolicy = {
  async authenticate() {
    return { kind: 'anonymous' };
  },
  publishRefusal: () => null,
  subscribeRefusal: () => null,
};
