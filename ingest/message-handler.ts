import { countFuture } from '../core/clock/clock-offset.ts';
import { decodeVanMessage } from '../core/decode.ts';
import type { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';
import type { Logger } from '../platform/logger.ts';
import type { MetricsRegistry } from '../platform/metrics.ts';
import type { ReadingStore } from '../store/reading-store.ts';
import type { LostRecordsRepository } from '../state/lost-records-repository.ts';

export interface MessageHandlerDeps {
  store: ReadingStore;
  bus: EventBus<GivreEvents>;
  metrics: MetricsRegistry;
  logger: Logger;
  maxPayloadBytes: number;
  /** Where the records a van declares lost go (issue 13); without it they are only counted. */
  lostRecords?: Pick<LostRecordsRepository, 'declare'>;
  /** GIVRE_CLOCK_TOLERANCE_S in ms: readings dated further ahead of the server's clock are counted. */
  clockToleranceMs: number;
  /** Server wall clock, ms (when a message arrived, when a declaration was received); injectable for tests. */
  now?: () => number;
}

/**
 * Handles one MQTT message from a van: decode and validate, store, announce.
 * Bad input is counted by reason, logged with rate limiting and dropped — it resolves, so the
 * message is acknowledged and never redelivered in a loop. A storage failure rejects, so the
 * caller must not acknowledge and the readings stay with the broker.
 */
export function createMessageHandler(
  deps: MessageHandlerDeps,
): (topic: string, payload: Uint8Array) => Promise<void> {
  const { store, bus, logger } = deps;
  const messages = deps.metrics.counter(
    'givre_ingest_messages_total',
    'Messages received from vans, by channel.',
  );
  const rejected = deps.metrics.counter('givre_ingest_rejected_total', 'Messages refused, by reason.');
  const readingsTotal = deps.metrics.counter(
    'givre_ingest_readings_total',
    'Readings received, by result (stored, or duplicate of one already stored).',
  );
  const declaredLost = deps.metrics.counter(
    'givre_ingest_declared_lost_total',
    'Readings vans declared lost for good (their store-and-forward storage was full), by van.',
  );

  const future = deps.metrics.counter(
    'givre_ingest_future_readings_total',
    'Readings dated beyond GIVRE_CLOCK_TOLERANCE_S ahead of the server clock on arrival: stored as dated, counted.',
  );
  const now = deps.now ?? Date.now;

  return async (topic, payload) => {
    const arrivedAt = now();
    const decoded = decodeVanMessage(topic, payload, deps.maxPayloadBytes);
    if (!decoded.ok) {
      rejected.inc({ reason: decoded.reason });
      logger.rateLimited(`reject-${decoded.reason}`, 'warn', `rejected a message: ${decoded.reason}`, {
        ...(decoded.van ? { van: decoded.van } : {}),
        detail: decoded.detail,
      });
      return;
    }
    messages.inc({ channel: decoded.channel });
    switch (decoded.channel) {
      case 'telemetry': {
        const { readings, lost } = decoded.message;
        // Kept before the batch is acknowledged, as its readings are: a redelivery declares again, idempotently.
        if (lost) {
          const added = deps.lostRecords?.declare(decoded.van, lost, arrivedAt) ?? 0;
          if (added > 0) {
            declaredLost.inc({ van: decoded.van }, added);
            logger.warn('the van declared readings lost: its local storage was full', {
              van: decoded.van,
              lost,
            });
          }
        }
        // Kept, not refused (issue 13): refusing would lose a fast van's every reading, and
        // the rules judge a van on its own clock, so a breach still alerts. The van is flagged.
        const ahead = countFuture(readings, arrivedAt, deps.clockToleranceMs);
        if (ahead > 0) {
          future.inc({}, ahead);
          logger.rateLimited(`future-${decoded.van}`, 'warn', 'readings dated in the future', {
            van: decoded.van,
            readings: ahead,
          });
        }
        const result = await store.append(decoded.van, readings);
        readingsTotal.inc({ result: 'stored' }, result.inserted);
        if (result.duplicates > 0) readingsTotal.inc({ result: 'duplicate' }, result.duplicates);
        // The live view and the rules see every reading, replays included: both are
        // idempotent by device time, and a replay may carry what a restart forgot.
        bus.emit('readings-stored', { van: decoded.van, readings, arrivedAt });
        return;
      }
      case 'status':
        bus.emit('van-status', decoded.message);
        return;
      case 'acks':
        bus.emit('van-ack', decoded.message);
        return;
    }
  };
}
