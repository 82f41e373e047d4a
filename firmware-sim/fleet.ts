import { GivreError } from '../platform/errors.ts';
import type { Logger } from '../platform/logger.ts';
import { deriveSeed } from './prng.ts';
import {
  createSimulatedVan,
  type SimulatedVan,
  type SimulatedVanOptions,
  type VanStats,
} from './simulated-van.ts';

export interface FleetOptions {
  /** How many vans: `VAN-01` … `VAN-NN`, unless `ids` names them. */
  vans: number;
  /**
   * The vans' ids, e.g. those of a credentials file (issue 11, 9): a `givre sim` beside the
   * demo simulates VAN-05 and VAN-06 rather than taking over the demo's own VAN-01.
   */
  ids?: readonly string[];
  url: string;
  /** Device time runs `speed` times faster than wall time. */
  speed: number;
  /** Fleet seed; each van gets its own seed derived from it and its id. */
  seed: number;
  /** Recording interval, seconds of device time (≤ 300). */
  intervalS: number;
  /** Scenario per van id; the others run `normal`. */
  scenarios?: Record<string, string>;
  username?: string;
  password?: string;
  /** Per-van MQTT credentials (issue 4: username = van id), over `username`/`password`. */
  credentials?: Record<string, { username: string; password: string }>;
  logger?: Logger;
  /**
   * Directory of per-van state: the seq (`VAN-01.seq.json`) and the store-and-forward backlog
   * (`VAN-01.outbox.jsonl`); none by default (the backlog then lives in memory).
   */
  stateDir?: string;
  /** Most readings each van keeps for store-and-forward (see reading-backlog.ts). */
  maxBacklogReadings?: number;
  /** Whether readings wait for ingest's receipt (default true) and how long, s (see simulated-van-api.ts). */
  receipts?: boolean;
  receiptTimeoutS?: number;
  /** Passed to every van (tests). */
  clock?: SimulatedVanOptions['clock'];
  link?: SimulatedVanOptions['link'];
}

export interface Fleet {
  vans: SimulatedVan[];
  /** Starts every van; if one cannot connect, stops them all and rejects. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Sums over the fleet. */
  stats(): VanStats;
}

/** `VAN-01` … `VAN-NN`: two digits, more when the fleet has 100 vans or more. */
export function fleetVanIds(count: number): string[] {
  const width = Math.max(2, String(count).length);
  return Array.from({ length: count }, (_, i) => `VAN-${String(i + 1).padStart(width, '0')}`);
}

export function createFleet(options: FleetOptions): Fleet {
  if (!Number.isInteger(options.vans) || options.vans < 1 || options.vans > 999) {
    throw new GivreError('GIVRE_ERR_CONFIG', `vans=${options.vans} is invalid: expected 1 to 999`);
  }
  const ids = options.ids ? [...options.ids] : fleetVanIds(options.vans);
  for (const id of Object.keys(options.scenarios ?? {})) {
    if (!ids.includes(id)) {
      throw new GivreError(
        'GIVRE_ERR_CONFIG',
        `scenario for ${id}: no such van (the fleet is ${ids[0]}…${ids.at(-1)})`,
      );
    }
  }
  const vans = ids.map((van) => {
    const username = options.credentials?.[van]?.username ?? options.username;
    const password = options.credentials?.[van]?.password ?? options.password;
    return createSimulatedVan({
      van,
      url: options.url,
      scenario: options.scenarios?.[van] ?? 'normal',
      seed: deriveSeed(options.seed, van),
      speed: options.speed,
      intervalS: options.intervalS,
      ...(username !== undefined ? { username } : {}),
      ...(password !== undefined ? { password } : {}),
      ...(options.logger ? { logger: options.logger.child(van) } : {}),
      ...(options.stateDir
        ? {
            stateFile: `${options.stateDir}/${van}.seq.json`,
            backlogFile: `${options.stateDir}/${van}.outbox.jsonl`,
          }
        : {}),
      ...(options.maxBacklogReadings !== undefined ? { maxBacklogReadings: options.maxBacklogReadings } : {}),
      ...(options.receipts !== undefined ? { receipts: options.receipts } : {}),
      ...(options.receiptTimeoutS !== undefined ? { receiptTimeoutS: options.receiptTimeoutS } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.link ? { link: options.link } : {}),
    });
  });
  const stopAll = async () => {
    await Promise.all(vans.map((v) => v.stop()));
  };

  return {
    vans,
    async start() {
      const results = await Promise.allSettled(vans.map((v) => v.start()));
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) {
        await stopAll();
        throw failed.reason;
      }
      options.logger?.info(`${vans.length} simulated vans started`, {
        url: options.url,
        speed: options.speed,
      });
    },
    stop: stopAll,
    stats() {
      const total: VanStats = { published: 0, readings: 0, buffered: 0, recorded: 0, dropped: 0 };
      for (const v of vans) {
        const s = v.stats();
        for (const key of Object.keys(total) as Array<keyof VanStats>) total[key] += s[key];
      }
      return total;
    },
  };
}
