import type { Reading } from '../core/readings.ts';

/** Outcome of appending one message's readings. */
export interface AppendResult {
  /** Readings newly stored. */
  inserted: number;
  /** Readings already stored under the same identity `(van, seq)`: replays, not new data. */
  duplicates: number;
}

/** One message's readings, in a group appended as one (`ReadingStore.appendMany`). */
export interface VanReadings {
  readonly van: string;
  readonly readings: readonly Reading[];
}

/** Filter for counting stored readings. */
export interface ReadingFilter {
  van?: string;
  kind?: Reading['kind'];
}

/**
 * The dashboard's history chart: one van's temperatures over `[from, to)` (device time, ms),
 * optionally of one compartment and/or one sensor, folded into buckets of `bucketMs` aligned
 * on the Unix epoch (InfluxQL `GROUP BY time()` alignment), plus the door events of the period.
 */
export interface HistoryQuery {
  van: string;
  compartment?: string;
  sensor?: string;
  from: number;
  to: number;
  bucketMs: number;
  /** Also fold each sensor on its own (`History.sensors`): a chart draws one line per probe. */
  bySensor?: boolean;
}

// The history's shapes are the API's (core/api/history.ts): the dashboard sends them as the store made them.
import type { History } from '../core/api/history.ts';
export type { DoorEvent, History, HistoryBucket, SensorHistory } from '../core/api/history.ts';

export interface StoreReadiness {
  ready: boolean;
  detail?: string;
}

/**
 * Where readings live: the embedded SQLite store by default, InfluxDB in production.
 * Every implementation keeps the device's timestamps and is idempotent on `(van, seq)`.
 */
export interface ReadingStore {
  /**
   * Stores a van's readings. Resolves once they are durably accepted, so that the caller may
   * acknowledge the MQTT message; rejects if they could not be, so that it must not.
   */
  append(van: string, readings: readonly Reading[]): Promise<AppendResult>;
  /**
   * Stores a group of messages' readings in one commit (issue 14: group commit), one result
   * per batch in their order, as `append` of each would; all durably accepted, or none.
   */
  appendMany(batches: readonly VanReadings[]): Promise<AppendResult[]>;
  /** How many readings are stored (tests, metrics and operators' checks). */
  count(filter?: ReadingFilter): Promise<number>;
  /** Readings of one van in device-time order, `from` inclusive, `to` exclusive (ms). */
  readings(van: string, from: number, to: number): Promise<Reading[]>;
  /**
   * Whether the van's record numbered `seq` is stored (of any kind): how a certificate knows
   * that the record after its period has arrived (core/compliance/record-completeness.ts).
   */
  hasSeq(van: string, seq: number): Promise<boolean>;
  /** Temperature history in buckets (min / mean / max) and door events; see `HistoryQuery`. */
  history(query: HistoryQuery): Promise<History>;
  /**
   * Resolves once every reading accepted so far is visible to queries. The embedded store is
   * always there; InfluxDB batches writes (up to 1 s), so tests and `givre` commands that
   * read back what they just wrote call this first.
   */
  flush(): Promise<void>;
  readiness(): StoreReadiness;
  close(): Promise<void>;
}
