import { z } from 'zod';
import type { Reading } from '../readings.ts';

/**
 * A van's clock, as ingest measures it (issue 13): Givre dates every reading by the van's
 * clock (store-and-forward keeps original times), so a van whose clock is wrong is flagged,
 * never corrected. `offsetMs` is van time minus server time: positive when the van is fast.
 */
export const VanClock = z.strictObject({
  /** Median of `samplesMs`, ms: one late message or a backlog flush cannot move it. */
  offsetMs: z.number(),
  /** The latest live samples (van time − arrival time, ms), oldest first, at most `CLOCK_SAMPLES`. */
  samplesMs: z.array(z.number()),
  /** `|offsetMs|` exceeds the tolerance (GIVRE_CLOCK_TOLERANCE_S): the pages say so in words. */
  flagged: z.boolean(),
  /** Readings dated beyond the tolerance ahead of the server's clock when they arrived: kept, counted. */
  futureReadings: z.number().int().nonnegative(),
  /** SERVER time of the latest sample, ms. */
  measuredAt: z.number(),
});
export type VanClock = z.infer<typeof VanClock>;

/** How many live samples the median is taken over: about 9 recording intervals. */
export const CLOCK_SAMPLES = 9;

/**
 * A message counts as live when its readings span at most this much device time, ms: a van
 * sends one recording per message while connected, a backlog flush spans its whole outage.
 */
export const LIVE_SPAN_MS = 60_000;

/** Median of a non-empty list (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Readings dated more than `toleranceMs` after `arrivedAt` (server time, ms); at the tolerance exactly is not future. */
export function countFuture(readings: readonly Reading[], arrivedAt: number, toleranceMs: number): number {
  let n = 0;
  for (const r of readings) if (r.ts - arrivedAt > toleranceMs) n++;
  return n;
}

/**
 * The live sample a message gives, or `null` when it cannot tell the van's clock: a message
 * is live when the van is online, it carries the newest record yet (seq beyond `lastSeq`:
 * not a replay nor a hole filled late) and its readings span at most `LIVE_SPAN_MS`. The
 * sample is its newest reading's time minus the server's arrival time.
 */
export function liveSample(
  readings: readonly Reading[],
  arrivedAt: number,
  context: { online: boolean | null; lastSeq: number | null },
): number | null {
  if (context.online !== true || readings.length === 0) return null;
  const seqs = readings.map((r) => r.seq);
  const times = readings.map((r) => r.ts);
  const newestTs = Math.max(...times);
  if (context.lastSeq !== null && Math.max(...seqs) <= context.lastSeq) return null;
  if (newestTs - Math.min(...times) > LIVE_SPAN_MS) return null;
  return newestTs - arrivedAt;
}

/** Folds one message into the van's clock: a live sample, if any, and its future readings. */
export function observeClock(
  clock: VanClock | undefined,
  sample: number | null,
  future: number,
  arrivedAt: number,
  toleranceMs: number,
): VanClock | undefined {
  if (sample === null && future === 0) return clock;
  const samplesMs = sample === null ? (clock?.samplesMs ?? []) : [...(clock?.samplesMs ?? []), sample];
  const kept = samplesMs.slice(-CLOCK_SAMPLES);
  const offsetMs = kept.length > 0 ? median(kept) : 0;
  return {
    offsetMs,
    samplesMs: kept,
    flagged: kept.length > 0 && Math.abs(offsetMs) > toleranceMs,
    futureReadings: (clock?.futureReadings ?? 0) + future,
    measuredAt: sample === null ? (clock?.measuredAt ?? arrivedAt) : arrivedAt,
  };
}
