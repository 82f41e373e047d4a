import aedesPacket from 'aedes-packet';
import type Database from 'better-sqlite3';
import { Readable } from 'node:stream';
import { openBrokerDb } from './broker-db.ts';
import {
  PACKET_COLUMN_LIST as COLUMNS,
  PACKET_PARAMS as PARAMS,
  flag,
  packetColumns,
  packetOf,
  type AnyPacket,
  type PacketColumns,
} from './packet-columns.ts';
import { SubscriptionIndex, type StoredSubscription, type SubscriptionRow } from './subscription-index.ts';

/** aedes' own copy of a packet (aedes-packet): its types describe a namespace, the module exports this. */
const Packet = aedesPacket as unknown as new (original: AnyPacket) => AnyPacket;

interface ClientRef {
  id: string;
}
interface BrokerRef {
  id: string;
}

/** Rows of a client's queue read at a time by `outgoingStream`: memory holds a page, never the backlog. */
const QUEUE_PAGE = 256;

type Row = PacketColumns & { seq: number };

/** A queued packet as aedes queued it: its own copy (aedes-packet), with the message id it was given. */
function queued(row: PacketColumns): AnyPacket {
  const packet = packetOf(row);
  if (packet['cmd'] !== 'publish') return packet; // a PUBREL waiting for its PUBCOMP: as it was
  const copy = new Packet(packet);
  if (row.message_id !== null) copy['messageId'] = row.message_id;
  return copy;
}

const isSet = (v: unknown) => v !== undefined && v !== null;

/**
 * The embedded broker's persistence on SQLite (issue 13): aedes-persistence 11's interface
 * (the async one, which aedes 1 calls), over broker.db. Every write is committed to the WAL
 * before its promise resolves (broker-db.ts says what that survives), so a session, a message
 * queued for an offline client, a retained message, a QoS 2 packet half way and a will are
 * all there after a SIGKILL; aedes delivers the queues when their clients come back.
 *
 * Reads that aedes makes on every publish come from memory: the subscriptions (and their
 * topic trie) are loaded from the table at start and written through. Everything else is
 * read from SQLite when asked for, one prepared statement each.
 */
export class SqlitePersistence {
  readonly #db: Database.Database;
  readonly #subscriptions: SubscriptionIndex;
  /** Topics that have a retained message: subscribing matches these, then reads only those rows. */
  readonly #retainedTopics = new Set<string>();
  readonly #sql;
  #broker: BrokerRef | undefined;
  #destroyed = false;

  constructor(path: string) {
    const db = openBrokerDb(path);
    this.#db = db;
    const packetRow = (table: string) =>
      db.prepare(`INSERT OR REPLACE INTO ${table} (client_id, ${COLUMNS}) VALUES (@client_id, ${PARAMS})`);
    this.#sql = {
      putSubscription: db.prepare(
        'INSERT OR REPLACE INTO subscriptions (client_id, topic, qos, rh, rap, nl, subscription_identifier) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      deleteSubscription: db.prepare('DELETE FROM subscriptions WHERE client_id = ? AND topic = ?'),
      deleteSubscriptionsOf: db.prepare('DELETE FROM subscriptions WHERE client_id = ?'),
      putRetained: db.prepare(`INSERT OR REPLACE INTO retained (${COLUMNS}) VALUES (${PARAMS})`),
      deleteRetained: db.prepare('DELETE FROM retained WHERE topic = ?'),
      retained: db.prepare<[string], PacketColumns>(`SELECT ${COLUMNS} FROM retained WHERE topic = ?`),
      enqueue: db.prepare(`INSERT INTO outgoing (client_id, ${COLUMNS}) VALUES (@client_id, ${PARAMS})`),
      numberPacket: db.prepare(
        `UPDATE outgoing SET message_id = ? WHERE seq = (SELECT seq FROM outgoing
           WHERE client_id = ? AND broker_id = ? AND broker_counter = ? ORDER BY seq LIMIT 1)`,
      ),
      replaceByMessageId: db.prepare(
        `UPDATE outgoing SET ${COLUMNS.split(', ')
          .map((c) => `${c} = @${c}`)
          .join(', ')} WHERE seq = (SELECT seq FROM outgoing
           WHERE client_id = @client_id AND message_id = @message_id AND broker_id IS NOT @broker_id
           ORDER BY seq LIMIT 1)`,
      ),
      clearPacket: db.prepare<[string, string, number], PacketColumns>(
        `DELETE FROM outgoing WHERE seq = (SELECT seq FROM outgoing
           WHERE client_id = ? AND broker_id = ? AND broker_counter = ? ORDER BY seq LIMIT 1) RETURNING ${COLUMNS}`,
      ),
      clearMessageId: db.prepare<[string, number], PacketColumns>(
        `DELETE FROM outgoing WHERE seq = (SELECT seq FROM outgoing
           WHERE client_id = ? AND message_id = ? ORDER BY seq LIMIT 1) RETURNING ${COLUMNS}`,
      ),
      queuePage: db.prepare<[string, number, number, number], Row>(
        `SELECT seq, ${COLUMNS} FROM outgoing WHERE client_id = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?`,
      ),
      lastSeq: db.prepare<[], { seq: number | null }>('SELECT MAX(seq) AS seq FROM outgoing'),
      putIncoming: packetRow('incoming'),
      incoming: db.prepare<[string, number], PacketColumns>(
        `SELECT ${COLUMNS} FROM incoming WHERE client_id = ? AND message_id = ?`,
      ),
      deleteIncoming: db.prepare('DELETE FROM incoming WHERE client_id = ? AND message_id = ?'),
      deleteIncomingOf: db.prepare('DELETE FROM incoming WHERE client_id = ?'),
      putWill: packetRow('wills'),
      will: db.prepare<[string], PacketColumns>(`SELECT ${COLUMNS} FROM wills WHERE client_id = ?`),
      deleteWill: db.prepare<[string], PacketColumns>(
        `DELETE FROM wills WHERE client_id = ? RETURNING ${COLUMNS}`,
      ),
      wills: db.prepare<[], PacketColumns>(`SELECT ${COLUMNS} FROM wills`),
    };
    const subscriptions = db.prepare<[], SubscriptionRow>('SELECT * FROM subscriptions').all();
    this.#subscriptions = new SubscriptionIndex(subscriptions);
    for (const { topic } of db.prepare<[], { topic: string }>('SELECT topic FROM retained').all())
      this.#retainedTopics.add(topic);
  }

  /** aedes checks that this is an `async function`. */
  async setup(broker: BrokerRef): Promise<void> {
    this.#broker = broker;
  }

  get broker(): BrokerRef | undefined {
    return this.#broker;
  }

  async storeRetained(packet: AnyPacket): Promise<void> {
    const topic = packet['topic'] as string;
    // An empty retained message removes the topic's (MQTT 3.1.1 §3.3.1.3).
    if ((packet['payload'] as Buffer | string).length === 0) {
      this.#sql.deleteRetained.run(topic);
      this.#retainedTopics.delete(topic);
    } else {
      this.#sql.putRetained.run(packetColumns(packet));
      this.#retainedTopics.add(topic);
    }
  }

  createRetainedStreamCombi(patterns: string[]): Readable {
    return Readable.from(this.#retainedMatching(patterns));
  }

  createRetainedStream(pattern: string): Readable {
    return Readable.from(this.#retainedMatching([pattern]));
  }

  *#retainedMatching(patterns: string[]): Generator<AnyPacket> {
    for (const pattern of patterns) {
      const matches = SubscriptionIndex.filter(pattern);
      for (const topic of [...this.#retainedTopics]) {
        if (!matches(topic)) continue;
        const row = this.#sql.retained.get(topic);
        if (row) yield packetOf(row);
      }
    }
  }

  async addSubscriptions(client: ClientRef, subs: StoredSubscription[]): Promise<void> {
    this.#db.transaction(() => {
      for (const s of subs) {
        this.#sql.putSubscription.run(
          client.id,
          s.topic,
          s.qos,
          s.rh ?? null,
          flag(s.rap),
          flag(s.nl),
          s.subscriptionIdentifier ?? null,
        );
      }
    })();
    this.#subscriptions.add(client.id, subs);
  }

  async removeSubscriptions(client: ClientRef, topics: string[]): Promise<void> {
    this.#db.transaction(() => {
      for (const topic of topics) this.#sql.deleteSubscription.run(client.id, topic);
    })();
    this.#subscriptions.remove(client.id, topics);
  }

  async subscriptionsByClient(client: ClientRef) {
    return this.#subscriptions.ofClient(client.id);
  }

  async countOffline() {
    return this.#subscriptions.counts();
  }

  async subscriptionsByTopic(topic: string) {
    return this.#subscriptions.matching(topic);
  }

  async cleanSubscriptions(client: ClientRef): Promise<void> {
    this.#sql.deleteSubscriptionsOf.run(client.id);
    this.#subscriptions.clean(client.id);
  }

  async outgoingEnqueue(sub: { clientId: string }, packet: AnyPacket): Promise<void> {
    this.#sql.enqueue.run({ client_id: sub.clientId, ...packetColumns(new Packet(packet)) });
  }

  /** One row per subscriber, in one transaction: the PUBACK waits for all of them or none. */
  async outgoingEnqueueCombi(subs: readonly { clientId: string }[], packet: AnyPacket): Promise<void> {
    if (subs.length === 0) return;
    const columns = packetColumns(new Packet(packet));
    if (subs.length === 1) return void this.#sql.enqueue.run({ client_id: subs[0]!.clientId, ...columns });
    this.#db.transaction(() => {
      for (const sub of subs) this.#sql.enqueue.run({ client_id: sub.clientId, ...columns });
    })();
  }

  /**
   * The packet is about to be sent with `messageId` (or, a PUBREL, replaces the PUBLISH of
   * that id): aedes-persistence's reference semantics, minus its match of a packet without
   * broker id or counter against any other such packet.
   */
  async outgoingUpdate(client: ClientRef, packet: AnyPacket): Promise<void> {
    const { brokerId, brokerCounter, messageId } = packet as Record<string, unknown>;
    if (isSet(brokerId) && isSet(brokerCounter)) {
      if (this.#sql.numberPacket.run(messageId, client.id, brokerId, brokerCounter).changes > 0) return;
    }
    if (this.#sql.replaceByMessageId.run({ client_id: client.id, ...packetColumns(packet) }).changes === 0)
      throw new Error('no such packet');
  }

  /**
   * Removes the packet (the one sent, by its broker id and counter; a PUBACK, by its message
   * id) and returns it as it was queued.
   */
  async outgoingClearMessageId(client: ClientRef, packet: AnyPacket): Promise<AnyPacket | undefined> {
    const { brokerId, brokerCounter, messageId } = (packet ?? {}) as Record<string, unknown>;
    const row =
      isSet(brokerId) && isSet(brokerCounter)
        ? this.#sql.clearPacket.get(client.id, brokerId as string, brokerCounter as number)
        : isSet(messageId)
          ? this.#sql.clearMessageId.get(client.id, messageId as number)
          : undefined;
    return row ? queued(row) : undefined;
  }

  /** The client's queue as it is now (later arrivals are delivered live), a page at a time. */
  outgoingStream(client: ClientRef): Readable {
    const last = this.#sql.lastSeq.get()?.seq ?? 0;
    const page = this.#sql.queuePage;
    return Readable.from(
      (function* () {
        let after = 0;
        for (;;) {
          const rows = page.all(client.id, after, last, QUEUE_PAGE);
          for (const row of rows) yield queued(row);
          if (rows.length < QUEUE_PAGE) return;
          after = rows.at(-1)!.seq;
        }
      })(),
    );
  }

  async incomingStorePacket(client: ClientRef, packet: AnyPacket): Promise<void> {
    const copy = new Packet(packet);
    copy['messageId'] = packet['messageId'];
    this.#sql.putIncoming.run({ client_id: client.id, ...packetColumns(copy) });
  }

  async incomingGetPacket(client: ClientRef, packet: AnyPacket): Promise<AnyPacket> {
    const row = this.#sql.incoming.get(client.id, packet['messageId'] as number);
    if (!row) throw new Error('no such packet');
    const copy = new Packet(packetOf(row));
    copy['messageId'] = row.message_id;
    return copy;
  }

  async incomingDelPacket(client: ClientRef, packet: AnyPacket): Promise<void> {
    if (this.#sql.deleteIncoming.run(client.id, packet['messageId']).changes === 0)
      throw new Error('no such packet');
  }

  async cleanIncoming(client: ClientRef): Promise<void> {
    this.#sql.deleteIncomingOf.run(client.id);
  }

  /** Kept so that a will survives its broker: the next one publishes it (aedes `_clearWills`). */
  async putWill(client: ClientRef, packet: AnyPacket): Promise<void> {
    packet['brokerId'] = this.#broker?.id;
    packet['clientId'] = client.id;
    this.#sql.putWill.run({ client_id: client.id, ...packetColumns(packet) });
  }

  async getWill(client: ClientRef): Promise<AnyPacket | undefined> {
    const row = this.#sql.will.get(client.id);
    return row ? packetOf(row) : undefined;
  }

  async delWill(client: ClientRef): Promise<AnyPacket | undefined> {
    const row = this.#sql.deleteWill.get(client.id);
    return row ? packetOf(row) : undefined;
  }

  /** The wills of clients whose broker is not among `brokers` (alive): theirs to publish. */
  streamWill(brokers: Record<string, unknown> = {}): Readable {
    const wills = this.#sql.wills.all().map(packetOf);
    return Readable.from(wills.filter((will) => !brokers[will['brokerId'] as string]));
  }

  getClientList(topic: string): Readable {
    return Readable.from(this.#subscriptions.clientsOf(topic));
  }

  async destroy(): Promise<void> {
    if (this.#destroyed) throw new Error('destroyed called twice!');
    this.#destroyed = true;
    this.#db.close();
  }
}
