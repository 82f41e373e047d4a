// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- tsconfig.dom-test.json reaches this file by imports, not by its include list
/// <reference path="./qlobber.d.ts" />
import { QlobberTrue } from 'qlobber';
import QlobberSub, { type SubscriptionValue } from 'qlobber/aedes/qlobber-sub.js';

/** MQTT's topic syntax for qlobber, as aedes and aedes-persistence configure it. */
const MQTT_TOPICS = { separator: '/', wildcard_one: '+', wildcard_some: '#' };

/** A subscription as aedes hands it over (SUBSCRIBE's, MQTT 5's identifier included), or a row of the table. */
export interface StoredSubscription {
  topic: string;
  qos: number;
  rh?: number | null;
  rap?: boolean | number | null;
  nl?: boolean | number | null;
  subscriptionIdentifier?: number;
  subscription_identifier?: number | null;
}

/** A row of broker.db's `subscriptions`. */
export type SubscriptionRow = StoredSubscription & { client_id: string };

interface SubscriptionRecord {
  qos: number;
  rh: number | undefined;
  rap: boolean | undefined;
  nl: boolean | undefined;
  subscriptionIdentifier?: number;
}

const bool = (v: boolean | number | null | undefined) =>
  v === undefined || v === null ? undefined : v === true || v === 1;

function recordOf(s: StoredSubscription): SubscriptionRecord {
  const record: SubscriptionRecord = { qos: s.qos, rh: s.rh ?? undefined, rap: bool(s.rap), nl: bool(s.nl) };
  // MQTT 5's Subscription Identifier only when it was given, as the reference keeps it.
  const id = s.subscriptionIdentifier ?? s.subscription_identifier ?? undefined;
  if (id !== undefined) record.subscriptionIdentifier = id;
  return record;
}

/** Topics whose matches SubscriptionIndex keeps at most (a fleet publishes on a few per van). */
const MATCHES_KEPT = 50_000;

/** [MQTT-4.7.2-1]: a filter starting with a wildcard matches no topic starting with `$`. */
const startsWithWildcard = (filter: string) => filter.startsWith('+') || filter.startsWith('#');

/**
 * The persistent sessions' subscriptions in memory, as aedes-persistence's reference keeps
 * them (asyncPersistence.js): per client, and QoS 1 and 2 ones in aedes' own topic trie for
 * `subscriptionsByTopic`, which runs on every QoS 1 publish. sqlite-persistence.ts writes the
 * table first, then this.
 */
export class SubscriptionIndex {
  readonly #byClient = new Map<string, Map<string, SubscriptionRecord>>();
  readonly #trie = new QlobberSub(MQTT_TOPICS);
  /**
   * `matching`'s answers by topic (issue 14: the trie's match was about 2 % of `givre start`'s
   * thread at one reading per message, for the vans' few topics that nothing subscribes to),
   * emptied by every change to the subscriptions, and past MATCHES_KEPT topics.
   */
  readonly #matches = new Map<string, readonly SubscriptionValue[]>();

  /** Loaded from the table's rows at start. */
  constructor(rows: readonly SubscriptionRow[]) {
    for (const row of rows) this.add(row.client_id, [row]);
  }

  /** Does a topic filter match a topic (for retained messages). */
  static filter(pattern: string): (topic: string) => boolean {
    const matcher = new QlobberTrue(MQTT_TOPICS).add(pattern);
    return (topic) => (!topic.startsWith('$') || !startsWithWildcard(pattern)) && matcher.test(topic);
  }

  add(clientId: string, subs: readonly StoredSubscription[]): void {
    this.#matches.clear();
    let stored = this.#byClient.get(clientId);
    if (!stored) this.#byClient.set(clientId, (stored = new Map()));
    for (const sub of subs) {
      const record = recordOf(sub);
      const { qos, rh, rap, nl } = record;
      if (qos > 0) this.#trie.add(sub.topic, { clientId, topic: sub.topic, qos, rh, rap, nl });
      else if ((stored.get(sub.topic)?.qos ?? 0) > 0)
        this.#trie.remove(sub.topic, { clientId, topic: sub.topic });
      stored.set(sub.topic, record);
    }
  }

  remove(clientId: string, topics: readonly string[]): void {
    this.#matches.clear();
    const stored = this.#byClient.get(clientId);
    if (!stored) return;
    for (const topic of topics) {
      const sub = stored.get(topic);
      if (sub === undefined) continue;
      if (sub.qos > 0) this.#trie.remove(topic, { clientId, topic });
      stored.delete(topic);
    }
    if (stored.size === 0) this.#byClient.delete(clientId);
  }

  clean(clientId: string): void {
    this.#matches.clear();
    const stored = this.#byClient.get(clientId);
    if (!stored) return;
    for (const [topic, sub] of stored) if (sub.qos > 0) this.#trie.remove(topic, { clientId, topic });
    this.#byClient.delete(clientId);
  }

  ofClient(clientId: string): Array<SubscriptionRecord & { topic: string }> {
    return [...(this.#byClient.get(clientId) ?? [])].map(([topic, record]) => ({ topic, ...record }));
  }

  /**
   * The QoS 1 and 2 subscriptions a publish to `topic` is queued for. aedes leaves out `#`
   * and `+…` filters only for `$SYS/`; here for every `$` topic, as for live delivery
   * (aedes subscribe.js `blockDollarSignTopics`), or a publish dropped to `$GIVRE/dropped`
   * (broker.ts) would wait in a wildcard subscriber's queue for its next connection.
   */
  matching(topic: string): readonly SubscriptionValue[] {
    const known = this.#matches.get(topic);
    if (known) return known;
    const all = this.#trie.match(topic);
    const subs = Object.freeze(topic.startsWith('$') ? all.filter((s) => !startsWithWildcard(s.topic)) : all);
    if (this.#matches.size >= MATCHES_KEPT) this.#matches.clear();
    this.#matches.set(topic, subs);
    return subs;
  }

  counts(): { subsCount: number; clientsCount: number } {
    return { subsCount: this.#trie.subscriptionsCount, clientsCount: this.#byClient.size };
  }

  *clientsOf(topic: string): Generator<string> {
    for (const [clientId, topics] of this.#byClient) if (topics.has(topic)) yield clientId;
  }
}
