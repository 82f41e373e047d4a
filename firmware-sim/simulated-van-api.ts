import type { AckReason, AlertMessage } from '../core/messages.ts';
import type { Logger } from '../platform/logger.ts';
import type { Clock } from './clock.ts';
import type { ScenarioName } from './scenarios.ts';
import type { LinkWill, VanLink } from './van-link.ts';

/** What the CLI, the fleet and tests see of a simulated van. */
export interface SimulatedVanOptions {
  /** Van id, one topic level, e.g. `VAN-01`. */
  van: string;
  /** Broker URL, e.g. `mqtt://127.0.0.1:1883`. */
  url: string;
  /** One of SCENARIO_NAMES. */
  scenario: ScenarioName | (string & {});
  /** PRNG seed, 0…2³²−1: the same seed records the same night. */
  seed: number;
  /** Device time runs `speed` times faster than wall time. */
  speed: number;
  /** Recording interval, seconds of device time, 1…300. */
  intervalS: number;
  username?: string;
  password?: string;
  logger?: Logger;
  /** Wall clock and timers; default the system's. */
  clock?: Clock;
  /** The network; default MQTT to `url`. Tests pass a stand-in. */
  link?: (will: () => LinkWill) => VanLink;
  /** First seq; default from `stateFile`, else the wall clock in µs (see seq-counter.ts). */
  seqStart?: number;
  /** JSON file keeping the next seq across restarts. */
  stateFile?: string;
  /**
   * Store-and-forward file (`{stateDir}/{van}.outbox.jsonl`): readings wait there, durable,
   * until acknowledged, across restarts; without it they wait in memory.
   */
  backlogFile?: string;
  /** Most readings kept for store-and-forward; beyond, the oldest are dropped and declared lost (default 100 000 ≈ 3.5 days at 30 s). */
  maxBacklogReadings?: number;
  /**
   * Readings leave the backlog only at ingest's receipt on `givre/v1/vans/{van}/receipts`
   * (issue 13; default true); false: at the broker's PUBACK, as a recorder that knows no receipts.
   */
  receipts?: boolean;
  /** Wall seconds a sent reading waits for its receipt before it is sent again (default 30; doubling while none comes). */
  receiptTimeoutS?: number;
  /** Outside air, °C. */
  ambientC?: number;
  /** Called with each valid alert the in-cab display receives. */
  onAlert?: (alert: AlertMessage) => void;
  /** Longest wait at stop to forward what is buffered and have it receipted, ms (default 5 000). */
  drainTimeoutMs?: number;
}

export interface VanStats {
  /** Telemetry batches the broker acknowledged (a batch sent again for want of a receipt counts again). */
  published: number;
  /** Readings in those batches. */
  readings: number;
  /** Readings (and driver acknowledgements) waiting in the store-and-forward backlog: to be sent, or for their receipt. */
  buffered: number;
  /** Readings recorded (published or not). */
  recorded: number;
  /** Readings dropped (and declared lost) because the backlog was full. */
  dropped: number;
}

export interface SimulatedVan {
  readonly van: string;
  /** Starts recording at once; resolves once connected and `online`, rejects (and stops) if it cannot connect. */
  start(): Promise<void>;
  /** Forwards what it can, publishes `offline` (retained) and disconnects. */
  stop(): Promise<void>;
  /** The driver pressed "acknowledge": resolves once the broker has the ack. */
  acknowledge(alertId: string, reason: AckReason, text?: string): Promise<void>;
  stats(): VanStats;
}
