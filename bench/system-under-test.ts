import type { StoredCount } from './counting.ts';
import type { WatchedProcess } from './process-stats.ts';

/** Who a row of the table is: Givre, the pipeline a user would build instead, or a raw limit of the machine. */
export type SystemGroup = 'givre' | 'peer' | 'raw';

/**
 * One configuration under measure, running as its operators run it, every part an OS process
 * of its own: where the load goes, how its store counts, which processes to watch.
 */
export interface SystemUnderTest {
  key: string;
  label: string;
  group: SystemGroup;
  /** MQTT: vans publish telemetry to `url` (with these secrets where the broker asks for them). Lines: raw line protocol into InfluxDB. */
  load:
    | { kind: 'mqtt'; url: string; secrets?: Record<string, string> }
    | { kind: 'influx-lines'; url: string; database: string };
  /** The message shapes it is measured at (a raw InfluxDB write has no MQTT message). */
  shapes?: readonly number[];
  count: StoredCount;
  /** Before each run: a count that is not by device time (the counting subscriber) starts again from zero. */
  beforeRun?: () => Promise<void>;
  processes: WatchedProcess[];
  /** What the row's figures do not include or must be read with (the dropping peer). */
  note?: string;
  stop(): Promise<void>;
}

/** Starts one system under test; `vans` are the bench vans it must accept. */
export type SystemLauncher = (vans: readonly string[]) => Promise<SystemUnderTest>;
