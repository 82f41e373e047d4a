import { forkTs } from './child.ts';
import type { RunWindow } from './counting.ts';
import type { GeneratorReport, GeneratorVan } from './generator-protocol.ts';
import { runGenerators, type FleetReport } from './generators.ts';
import type { RawWriterArgs } from './influx-raw-writer.ts';
import { watchProcesses, type ProcessFigures } from './process-stats.ts';
import { account, drained, settled, storeRate } from './settle.ts';
import type { SystemUnderTest } from './system-under-test.ts';

/**
 * Messages in flight per van: a van forwarding its backlog keeps this many published and not
 * yet acknowledged (MQTT.js itself sets no limit on MQTT 3.1.1; Mosquitto's default
 * max_inflight_messages towards a client is 20).
 */
export const WINDOW_PER_VAN = 16;

/** Device time between the first recordings of two runs, ms: more than any run records. */
const RUN_SPACING_MS = 2 * 86_400_000;

/** How often the store is counted once the vans stopped publishing, ms. */
const POLL_MS = 100;

/** InfluxDB write requests in flight at once, raw limit. */
const RAW_CONCURRENCY = 2;

export interface RunOptions {
  readingsPerMessage: number;
  durationMs: number;
  /** Which run of the bench this is: it owns its device-time window. */
  index: number;
  /** Device time of the first run's first recording, ms. */
  t0: number;
}

/** One run's figures; readings unless named otherwise. */
export interface RunResult {
  readingsPerMessage: number;
  published: number;
  acknowledged: number;
  /** In the store when counting stopped (bench/settle.ts `drained`), late ones included. */
  stored: number;
  /** In the store at the lost deadline, LOST_AFTER_MS after the last publish. */
  storedByDeadline: number;
  /** Acknowledged and not stored at the lost deadline; of those, `late` came later, `missing` never (bench/settle.ts). */
  lost: number;
  late: number;
  missing: number;
  /** First publish → last reading counted in the store, late ones included, s (0: nothing stored). */
  seconds: number;
  publishSeconds: number;
  /** Last publish → last reading counted in the store, s: how long the system was still storing once the vans stopped (0: nothing stored). */
  tailSeconds: number;
  /** `stored` over `seconds`: what the system sustained into its store (0: nothing stored). */
  readingsPerSecond: number;
  messagesPerSecond: number;
  /** CPU µs per stored reading, every process of the system under test together, until counting stopped. */
  cpuMicrosPerReading: number;
  processes: ProcessFigures[];
  generators: { processes: number; cpuSeconds: number };
}

/**
 * Publishes into the system for `durationMs` and counts what its store kept: at the lost
 * deadline, then on until it is drained (bench/settle.ts). `vans` carry on their seqs. The
 * system should be a fresh instance (bench/main.ts starts one per run), so that no backlog of
 * an earlier run is stored during this one.
 */
export async function measureRun(
  system: SystemUnderTest,
  vans: GeneratorVan[],
  options: RunOptions,
): Promise<RunResult> {
  const t0 = options.t0 + options.index * RUN_SPACING_MS;
  const window: RunWindow = {
    fromMs: t0,
    toMs: t0 + RUN_SPACING_MS,
    vans: vans.map((v) => v.id),
    readingsPerMessage: options.readingsPerMessage,
  };
  await system.beforeRun?.();
  // The store is counted from the end of publishing on, while the generators wind down, so that
  // the moment the last reading is counted is not held back by their exit.
  let fleet: FleetReport | undefined;
  let goAt: number | undefined;
  // CPU and peak RSS from the moment every van is connected: a van's CONNECT (its secret
  // checked once) is not the cost of its telemetry.
  let watch: ReturnType<typeof watchProcesses> | undefined;
  const onGo = () => {
    watch = watchProcesses(system.processes);
    goAt = Date.now();
  };
  const publishing = (
    system.load.kind === 'mqtt'
      ? runGenerators(
          {
            url: system.load.url,
            readingsPerMessage: options.readingsPerMessage,
            durationMs: options.durationMs,
            window: WINDOW_PER_VAN,
            t0,
          },
          vans,
          onGo,
        )
      : writeRawLines(
          {
            ...system.load,
            durationMs: options.durationMs,
            t0,
            vans: window.vans.slice(),
            concurrency: RAW_CONCURRENCY,
          },
          onGo,
        )
  ).then((report) => (fleet = report));
  let failure: unknown;
  publishing.catch((err: unknown) => (failure = err));
  let stored = 0;
  /** When the count last grew (epoch ms); undefined while the store has none of the run. */
  let lastStoredAt: number | undefined;
  let storedByDeadline: number | undefined;
  for (;;) {
    if (failure) throw failure;
    if (goAt !== undefined && Date.now() >= goAt + options.durationMs) {
      const now = await system.count(window);
      if (now !== stored) [stored, lastStoredAt] = [now, Date.now()];
      if (fleet) {
        const at = {
          acknowledged: fleet.acknowledged,
          stored,
          lastPublishAt: fleet.lastPublishAt,
          now: Date.now(),
        };
        if (storedByDeadline === undefined && settled(at)) storedByDeadline = stored;
        if (
          storedByDeadline !== undefined &&
          drained({ ...at, lastGrewAt: lastStoredAt ?? fleet.lastPublishAt })
        )
          break;
      }
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  const processes = watch!.finish();
  const report = fleet!;
  for (const van of vans) van.nextSeq = report.nextSeq[van.id] ?? van.nextSeq;
  const rate = storeRate(stored, report.firstPublishAt, lastStoredAt);
  const cpu = processes.reduce((total, p) => total + p.cpuSeconds, 0);
  const ms = (s: number) => Math.round(s * 1000) / 1000;
  return {
    readingsPerMessage: options.readingsPerMessage,
    published: report.published,
    acknowledged: report.acknowledged,
    stored,
    storedByDeadline: storedByDeadline!,
    ...account(report.acknowledged, storedByDeadline!, stored),
    seconds: ms(rate.seconds),
    publishSeconds: (report.lastPublishAt - report.firstPublishAt) / 1000,
    tailSeconds: lastStoredAt === undefined ? 0 : ms(Math.max(0, lastStoredAt - report.lastPublishAt) / 1000),
    readingsPerSecond: Math.round(rate.perSecond),
    messagesPerSecond:
      stored > 0 ? Math.round(storeRate(report.messages, report.firstPublishAt, lastStoredAt).perSecond) : 0,
    cpuMicrosPerReading: stored > 0 ? Math.round((cpu / stored) * 1e7) / 10 : 0,
    processes,
    generators: { processes: report.processes, cpuSeconds: Math.round(report.cpuSeconds * 1000) / 1000 },
  };
}

/** The raw InfluxDB limit: one writer process (bench/influx-raw-writer.ts). */
async function writeRawLines(args: RawWriterArgs, onGo: () => void): Promise<FleetReport> {
  const writer = forkTs('bench/influx-raw-writer.ts', [JSON.stringify(args)]);
  try {
    await writer.next('ready');
    const done = writer.next<GeneratorReport>('done');
    writer.child.send({ type: 'go' });
    onGo();
    const report = await done;
    return { ...report, processes: 1 };
  } finally {
    await writer.stop();
  }
}

/** Bench vans, `BENCH-01` …, each from seq 1. */
export function benchVans(count: number, secrets?: Record<string, string>): GeneratorVan[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `BENCH-${String(i + 1).padStart(2, '0')}`;
    const password = secrets?.[id];
    return { id, nextSeq: 1, ...(password ? { password } : {}) };
  });
}
