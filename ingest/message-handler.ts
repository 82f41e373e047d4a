import { countFuture } from '../core/clock/clock-offset.ts';
import { decodeVanMessage, type Decoded } from '../core/decode.ts';
import type { TelemetryBatch } from '../core/messages.ts';
import type { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';
import type { Logger } from '../platform/logger.ts';
import type { MetricsRegistry } from '../platform/metrics.ts';
import type { AppendResult, ReadingStore, VanReadings } from '../store/reading-store.ts';
import type { LostRecordsRepository } from '../state/lost-records-repository.ts';
import type { StagedHandler } from './intake.ts';

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
  /**
   * Runs `work` in one state.db transaction (issue 14): a group's state writes commit once;
   * the listeners' own transactions become savepoints within it. Without it, each listener
   * writes in its own.
   */
  stateTransaction?: (work: () => void) => void;
  /** Server wall clock, ms (when a message arrived, when a declaration was received); injectable for tests. */
  now?: () => number;
}

/**
 * Handles a group of MQTT messages from vans, in their order (issue 14: group commit), in two
 * stages (group-runner.ts): `begin` decodes and validates each and sends every good one's
 * readings to the store in one `appendMany` (one commit per store); `finish`, once they are
 * stored, announces each message on the bus in order, with the state.db writes the
 * listeners make (seq gaps, alert transitions and their outbox, lost records) in one state
 * transaction when `stateTransaction` is given (build-ingest.ts gives it; without it each
 * listener writes in its own): readings first, then state, both before the caller
 * acknowledges any of the group. A group of one is exactly the former per-message handling.
 * Bad input is counted by reason, logged with rate limiting and dropped: the group still
 * resolves, so the message is acknowledged and never redelivered in a loop. A storage failure
 * rejects, so the caller must acknowledge none of the group and the readings stay with the
 * broker; the retry is idempotent (replays are duplicates, listeners judge by device time).
 */
export function createMessageHandler(deps: MessageHandlerDeps): StagedHandler {
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

  const inState = deps.stateTransaction ?? ((work: () => void) => work());

  /** Decodes one message: undefined when it was bad (counted, logged). */
  const judge = (topic: string, payload: Uint8Array): Decoded | undefined => {
    const decoded = decodeVanMessage(topic, payload, deps.maxPayloadBytes);
    if (!decoded.ok) {
      rejected.inc({ reason: decoded.reason });
      logger.rateLimited(`reject-${decoded.reason}`, 'warn', `rejected a message: ${decoded.reason}`, {
        ...(decoded.van ? { van: decoded.van } : {}),
        detail: decoded.detail,
      });
      return undefined;
    }
    messages.inc({ channel: decoded.channel });
    return decoded;
  };

  const announceTelemetry = (message: TelemetryBatch, result: AppendResult, arrivedAt: number) => {
    const { van, readings, lost } = message;
    // Kept before the batch is acknowledged, as its readings are: a redelivery declares again, idempotently.
    if (lost) {
      const added = deps.lostRecords?.declare(van, lost, arrivedAt) ?? 0;
      if (added > 0) {
        declaredLost.inc({ van }, added);
        logger.warn('the van declared readings lost: its local storage was full', { van, lost });
      }
    }
    // Kept, not refused (issue 13): refusing would lose a fast van's every reading, and
    // the rules judge a van on its own clock, so a breach still alerts. The van is flagged.
    const ahead = countFuture(readings, arrivedAt, deps.clockToleranceMs);
    if (ahead > 0) {
      future.inc({}, ahead);
      logger.rateLimited(`future-${van}`, 'warn', 'readings dated in the future', { van, readings: ahead });
    }
    readingsTotal.inc({ result: 'stored' }, result.inserted);
    if (result.duplicates > 0) readingsTotal.inc({ result: 'duplicate' }, result.duplicates);
    // The live view and the rules see every reading, replays included: both are
    // idempotent by device time, and a replay may carry what a restart forgot.
    bus.emit('readings-stored', lost ? { van, readings, lost, arrivedAt } : { van, readings, arrivedAt });
  };

  return {
    begin(group) {
      // One clock read for the group: it is judged at once, as a lone message was on arrival.
      const arrivedAt = now();
      const judged: Decoded[] = [];
      const batches: VanReadings[] = [];
      for (const { topic, payload } of group) {
        const decoded = judge(topic, payload);
        if (!decoded) continue;
        judged.push(decoded);
        if (decoded.channel === 'telemetry')
          batches.push({ van: decoded.van, readings: decoded.message.readings });
      }
      const stored: Promise<AppendResult[]> =
        batches.length > 0 ? store.appendMany(batches) : Promise.resolve([]);
      return {
        stored,
        async finish() {
          const results = await stored;
          let failed: unknown;
          inState(() => {
            // A listener that throws ends the group here, as it ended a lone message: what the
            // others wrote before is committed (as it was, each in its own transaction), and
            // the group is retried, idempotently.
            try {
              let batch = 0; // the telemetry's results, in their order
              for (const d of judged) {
                if (d.channel === 'telemetry') announceTelemetry(d.message, results[batch++]!, arrivedAt);
                else if (d.channel === 'status') bus.emit('van-status', d.message);
                else bus.emit('van-ack', d.message);
              }
            } catch (err) {
              failed = err;
            }
          });
          if (failed !== undefined) throw failed;
        },
      };
    },
  };
}
