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
  /** Whom it is for, on a channel owed per recipient (push: the subscription's id); else null. */
  target: string | null;
}

/**
 * The outbox of alert deliveries (issue 13, durable side effects). A transition's deliveries
 * are written in the same transaction as the transition itself (alert-repository.ts `record`
 * calls `owe`), so a transition stored means its deliveries are owed, crash or not; a
 * delivery leaves only once its channel has handed it over (webhook 2xx, broker PUBACK, push
 * service 201): at least once. Written by ingest only.
 */
export interface OutboxRepository {
  /** Records the deliveries a notice owes; must run inside the transaction that stored it. */
  owe(notice: AlertNotice, channels: readonly DeliveryChannel[], now: number): void;
  /** Records one delivery of `channel` per target (push: per subscription), in the same transaction. */
  oweEach(notice: AlertNotice, channel: DeliveryChannel, targets: readonly string[], now: number): void;
  /** The oldest owed deliveries of a channel, in transition order, at most `limit`. */
  owed(channel: DeliveryChannel, limit: number): OwedDelivery[];
  /**
   * Issue 15: the oldest owed delivery of each target of `channel`, when it is due (never failed,
   * or its retry time has come), at most `limit`, oldest first. A target's later deliveries wait
   * behind its first: each target sees its transitions in order.
   */
  dueHeads(channel: DeliveryChannel, now: number, limit: number): OwedDelivery[];
  /** The earliest retry time of `channel`'s failed deliveries, wall ms; undefined when none waits. */
  nextRetryAt(channel: DeliveryChannel): number | undefined;
  /** How many deliveries a channel owes (the queue gauges). */
  count(channel: DeliveryChannel): number;
  /** The channel handed it over (or the receiver refused it for good): it leaves the outbox. */
  settle(id: string): void;
  /** Every delivery still owed to a target leaves (push: the subscription is gone); how many. */
  settleTarget(channel: DeliveryChannel, target: string): number;
  /** An attempt failed; the delivery stays owed, to be tried again from `retryAt` (wall ms) if given. */
  failed(id: string, error: string, now: number, retryAt?: number): void;
}

interface Row {
  id: string;
  channel: DeliveryChannel;
  notice: string;
  attempts: number;
  target: string | null;
}

const toOwed = (r: Row): OwedDelivery => ({
  id: r.id,
  channel: r.channel,
  notice: JSON.parse(r.notice) as AlertNotice,
  attempts: r.attempts,
  target: r.target,
});

export function createOutboxRepository(db: StateDb): OutboxRepository {
  // OR IGNORE: owing the same delivery twice (a replayed record) leaves one row, one id.
  const insert = db.prepare(
    'INSERT OR IGNORE INTO alert_outbox (id, channel, seq, notice, owed_since, target) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const select = db.prepare<[DeliveryChannel, number], Row>(
    'SELECT id, channel, notice, attempts, target FROM alert_outbox WHERE channel = ? ORDER BY seq LIMIT ?',
  );
  const heads = db.prepare<[DeliveryChannel, number, number], Row>(`
    SELECT o.id, o.channel, o.notice, o.attempts, o.target FROM alert_outbox o
    WHERE o.channel = ? AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?)
      AND NOT EXISTS (SELECT 1 FROM alert_outbox e
                      WHERE e.channel = o.channel AND e.target IS o.target AND e.seq < o.seq)
    ORDER BY o.seq LIMIT ?`);
  const nextRetry = db.prepare<[DeliveryChannel], { at: number | null }>(
    'SELECT MIN(next_attempt_at) AS at FROM alert_outbox WHERE channel = ?',
  );
  const countOf = db.prepare<[DeliveryChannel], { n: number }>(
    'SELECT COUNT(*) AS n FROM alert_outbox WHERE channel = ?',
  );
  const remove = db.prepare('DELETE FROM alert_outbox WHERE id = ?');
  const removeTarget = db.prepare('DELETE FROM alert_outbox WHERE channel = ? AND target = ?');
  const fail = db.prepare(
    'UPDATE alert_outbox SET attempts = attempts + 1, last_attempt_at = ?, last_error = ?, next_attempt_at = ? WHERE id = ?',
  );
  return {
    owe(notice, channels, now) {
      const json = JSON.stringify(notice);
      for (const channel of channels)
        insert.run(deliveryId(notice.seq, channel), channel, notice.seq, json, now, null);
    },
    oweEach(notice, channel, targets, now) {
      if (targets.length === 0) return;
      const json = JSON.stringify(notice);
      for (const target of targets)
        insert.run(deliveryId(notice.seq, channel, target), channel, notice.seq, json, now, target);
    },
    owed: (channel, limit) => select.all(channel, limit).map(toOwed),
    dueHeads: (channel, now, limit) => heads.all(channel, now, limit).map(toOwed),
    nextRetryAt: (channel) => nextRetry.get(channel)?.at ?? undefined,
    count: (channel) => countOf.get(channel)?.n ?? 0,
    settle: (id) => void remove.run(id),
    settleTarget: (channel, target) => removeTarget.run(channel, target).changes,
    failed: (id, error, now, retryAt) => void fail.run(now, error.slice(0, 500), retryAt ?? null, id),
  };
}
