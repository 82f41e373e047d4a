import { ColumnsBuilder, type ReadingColumns } from './influx-line-protocol.ts';
import type { VanReadings } from './reading-store.ts';

/**
 * A group of messages' readings as they cross to the spool's thread (influx-spool-thread.ts):
 * the readings as `ReadingColumns`, each message's van and how many readings it has. The
 * thread makes the lines straight from these, without rebuilding the readings.
 */
export interface SpoolRows {
  readonly vans: string[];
  readonly counts: number[];
  readonly columns: ReadingColumns;
}

export function spoolRowsOf(batches: readonly VanReadings[]): SpoolRows {
  const vans: string[] = [];
  const counts: number[] = [];
  let total = 0;
  for (const { van, readings } of batches) {
    vans.push(van);
    counts.push(readings.length);
    total += readings.length;
  }
  const columns = new ColumnsBuilder(total);
  for (const { readings } of batches) for (const r of readings) columns.push(r);
  return { vans, counts, columns: { values: columns.values, strings: columns.strings } };
}
