import { z } from 'zod';

/**
 * `GET /api/vans/{van}/history` (issue 12: API answers typed by zod schemas that the server
 * and the browser share). The stores produce these shapes (store/reading-store.ts).
 */

/** One bucket; buckets without readings are left out, not filled. */
export const HistoryBucket = z.strictObject({
  /** Bucket start, ms: a multiple of `bucketMs`. */
  start: z.number(),
  /** °C. */
  min: z.number(),
  mean: z.number(),
  max: z.number(),
  /** Readings in the bucket. */
  count: z.number().int(),
});
export type HistoryBucket = z.infer<typeof HistoryBucket>;

export const DoorEvent = z.strictObject({ ts: z.number(), compartment: z.string(), open: z.boolean() });
export type DoorEvent = z.infer<typeof DoorEvent>;

/** One sensor's buckets, when the query asked `bySensor`. */
export const SensorHistory = z.strictObject({ sensor: z.string(), buckets: z.array(HistoryBucket) });
export type SensorHistory = z.infer<typeof SensorHistory>;

export const History = z.strictObject({
  buckets: z.array(HistoryBucket),
  /** Only when the query asked `bySensor`: each sensor's buckets, sorted by sensor id. */
  sensors: z.array(SensorHistory).optional(),
  /**
   * Each door's state at the start of the range, then only its changes (issue 11, 7), in
   * device-time order; of `compartment` when the query names one, else of every door of the van.
   */
  doors: z.array(DoorEvent),
  /** True when `doors` stops at its cap (`MAX_DOOR_EVENTS`) before `to`: ask again from the last one. */
  truncated: z.boolean(),
});
export type History = z.infer<typeof History>;

/** The answer: the query as the server understood it (its bucket width chosen), then the history. */
export const HistoryAnswer = History.extend({
  van: z.string(),
  compartment: z.string().optional(),
  sensor: z.string().optional(),
  from: z.number(),
  to: z.number(),
  bucketMs: z.number(),
  bySensor: z.boolean().optional(),
});
export type HistoryAnswer = z.infer<typeof HistoryAnswer>;
