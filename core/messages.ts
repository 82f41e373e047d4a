import { z } from 'zod';
import { CompartmentId, DeviceTime, VanId } from './ids.ts';
import { Reading } from './readings.ts';

/** Version of the message contract; the topic carries it too (`givre/v1/...`). */
export const CONTRACT_VERSION = 1;

/** Most readings one telemetry message may carry (a van flushing a long outage sends several). */
export const MAX_READINGS_PER_BATCH = 5_000;

/** Most ranges of lost records one telemetry message may declare. */
export const MAX_LOST_RANGES_PER_BATCH = 100;

const Seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/**
 * Records a van recorded and then threw away, never to be sent: its local store was full
 * (issue 13), so it dropped its oldest. Inclusive `seq` range. Declaring them lets ingest and
 * the certificates tell "lost for good" from "still on its way".
 */
export const LostRecords = z
  .strictObject({ first: Seq, last: Seq })
  .refine((r) => r.first <= r.last, 'first must not be after last');
export type LostRecords = z.infer<typeof LostRecords>;

/** `givre/v1/vans/{van}/telemetry`, van → broker, QoS 1. */
export const TelemetryBatch = z.strictObject({
  v: z.literal(CONTRACT_VERSION),
  van: VanId,
  readings: z.array(Reading).min(1).max(MAX_READINGS_PER_BATCH),
  /** Records declared lost by the van (absent when none). */
  lost: z.array(LostRecords).min(1).max(MAX_LOST_RANGES_PER_BATCH).optional(),
});
export type TelemetryBatch = z.infer<typeof TelemetryBatch>;

/** Most seq ranges one receipt carries; ingest sends more in several messages. */
export const MAX_RECEIPT_RANGES = 1_000;

/** An inclusive `[from, to]` range of a van's seqs. */
export const ReceiptRange = z
  .tuple([Seq, Seq])
  .refine(([from, to]) => from <= to, 'from must not be after to');
export type ReceiptRange = z.infer<typeof ReceiptRange>;

/**
 * `givre/v1/vans/{van}/receipts`, ingest → van, QoS 1 (issue 13): the seqs of the van's
 * readings ingest has durably stored (or found already stored) since its previous receipt.
 * A broker's PUBACK only says the broker has a message, in memory; this says the readings are
 * in the store, so the van forgets a reading only here, whatever the broker in between lost.
 * Ranges sorted and disjoint. At most once a second per van; a lost receipt costs a re-send
 * (stored once), never a reading.
 */
export const ReceiptMessage = z.strictObject({
  v: z.literal(CONTRACT_VERSION),
  van: VanId,
  seqs: z.array(ReceiptRange).min(1).max(MAX_RECEIPT_RANGES),
});
export type ReceiptMessage = z.infer<typeof ReceiptMessage>;

/** `givre/v1/vans/{van}/status`, retained: `online` on connect, `offline` as the last will. */
export const VanStatus = z.strictObject({
  v: z.literal(CONTRACT_VERSION),
  van: VanId,
  state: z.enum(['online', 'offline']),
  /** Device time the van connected (the will is composed at connect time too). */
  ts: DeviceTime.optional(),
  /**
   * On `online`: the seq of this boot's first reading. A van's counter may jump at a reboot
   * (firmware-sim/seq-counter.ts); the numbers it skipped were never used, so ingest counts
   * no gap there (issue 13, core/gaps/seq-gaps.ts).
   */
  bootSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});
export type VanStatus = z.infer<typeof VanStatus>;

export const AlertSeverity = z.enum(['warning', 'critical']);
export type AlertSeverity = z.infer<typeof AlertSeverity>;

export const AlertKind = z.enum([
  'excursion',
  'cumulative',
  'severe',
  'door-open',
  'recorder-silent',
  'van-offline',
  'low-battery',
]);
export type AlertKind = z.infer<typeof AlertKind>;

export const AlertState = z.enum(['open', 'acknowledged', 'resolved']);
export type AlertState = z.infer<typeof AlertState>;

/** `givre/v1/vans/{van}/alerts`, ingest → van's in-cab display, QoS 1. */
export const AlertMessage = z.strictObject({
  v: z.literal(CONTRACT_VERSION),
  id: z.string().min(1).max(64),
  /**
   * This delivery's stable id (`{seq}.van`, core/alerts/alert-delivery.ts): delivered at least
   * once, a message may come again after an ingest restart, with the same id (issue 13).
   */
  delivery: z.string().min(1).max(64).optional(),
  van: VanId,
  compartment: CompartmentId.optional(),
  kind: AlertKind,
  severity: AlertSeverity,
  state: AlertState,
  /** Device time the condition began. */
  startedAt: DeviceTime,
  /** Device time the rule saw enough to raise it. */
  detectedAt: DeviceTime,
  /** °C, for temperature alerts. */
  limit: z.number().optional(),
  peak: z.number().optional(),
});
export type AlertMessage = z.infer<typeof AlertMessage>;

export const AckReason = z.enum([
  'loading',
  'defrost',
  'reefer-fault',
  'door-closed',
  'product-moved',
  'other',
]);
export type AckReason = z.infer<typeof AckReason>;

/** `givre/v1/vans/{van}/acks`, van → ingest: a driver pressed "acknowledge" in the cab. */
export const AckMessage = z.strictObject({
  v: z.literal(CONTRACT_VERSION),
  van: VanId,
  alertId: z.string().min(1).max(64),
  reason: AckReason,
  text: z.string().max(500).optional(),
  ts: DeviceTime,
});
export type AckMessage = z.infer<typeof AckMessage>;
