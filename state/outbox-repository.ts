import type { AlertNotice } from '../core/alerts/alert-notice.ts';
import { deliveryId, type DeliveryChannel } from '../core/alerts/alert-delivery.ts';
import type { StateDb } from './state-db.ts';

/** One delivery owed: an alert transition that a channel has not yet handed over (issue 13). */
export interface OwedDelivery {
  /** Stable across attempts and restarts (alert-delivery.ts): the receiver de-duplicates by it. */
  id: string;
  channel: DeliveryChannel;
  notice: AlertNotice;
  /** Attempts that failed so far, across restarts. */
  attempts: number;
}

/**
 * The outbox of alert deliveries (issue 13, durable side effects). A transition's deliveries
 * are written in the same transaction as the transition itself (alert-repository.ts `record`
 * calls `owe`), so a transition stored means its deliveries are owed, crash or not; a
 * delivery leaves only once its channel has handed it over (webhook 2xx, broker PUBACK):
 * at least once. Written by ingest only.
 */
export interface OutboxRepository {
  /** Records the deliveries a notice owes; must run inside the transaction that stored it. */
  owe(notice: AlertNotice, channels: readonly DeliveryChannel[], now: number): void;
  /** The oldest owed deliveries of a channel, in transition order, at most `limit`. */
  owed(channel: DeliveryChannel, limit: number): OwedDelivery[];
  /** How many deliveries a channel owes (the queue gauges). */
  count(channel: DeliveryChannel): number;
  /** The channel handed it over (or the receiver refused it for good): it leaves the outbox. */
  settle(id: string): void;
  /** An attempt failed; the delivery stays owed. */
  failed(id: string, error: string, now: number): void;
}

interface Row {
  id: string;
  channel: DeliveryChannel;
  notice: string;
  attempts: number;
}

export function createOutboxRepository(db: StateDb): OutboxRepository {
  // OR IGNORE: owing the same delivery twice (a replayed record) leaves one row, one id.
  const insert = db.prepare(
    'INSERT OR IGNORE INTO alert_outbox (id, channel, seq, notice, owed_since) VALUES (?, ?, ?, ?, ?)',
  );
  const select = db.prepare<[DeliveryChannel, number], Row>(
    'SELECT id, channel, notice, attempts FROM alert_outbox WHERE channel = ? ORDER BY seq LIMIT ?',
  );
  const countOf = db.prepare<[DeliveryChannel], { n: number }>(
    'SELECT COUNT(*) AS n FROM alert_outbox WHERE channel = ?',
  );
  const remove = db.prepare('DELETE FROM alert_outbox WHERE id = ?');
  const fail = db.prepare(
    'UPDATE alert_outbox SET attempts = attempts + 1, last_attempt_at = ?, last_error = ? WHERE id = ?',
  );
  return {
    owe(notice, channels, now) {
      const json = JSON.stringify(notice);
      for (const channel of channels)
        insert.run(deliveryId(notice.seq, channel), channel, notice.seq, json, now);
    },
    owed: (channel, limit) =>
      select.all(channel, limit).map((r) => ({
        id: r.id,
        channel: r.channel,
        notice: JSON.parse(r.notice) as AlertNotice,
        attempts: r.attempts,
      })),
    count: (channel) => countOf.get(channel)?.n ?? 0,
    settle: (id) => void remove.run(id),
    failed: (id, error, now) => void fail.run(now, error.slice(0, 500), id),
  };
}
