// Raw limit (issue 14): InfluxDB taking line protocol in 5 000-line batches over HTTP (`/write`,
// precision ms, no gzip), `concurrency` requests in flight, for `durationMs` after `go`. The
// points are those Givre writes for bench vans (measurement temperature; tags van, compartment,
// sensor; fields celsius, seq). argv[2]: RawWriterArgs in JSON. IPC: `ready`, `go`, `done`.
import { benchReading } from './telemetry.ts';

export interface RawWriterArgs {
  url: string;
  database: string;
  durationMs: number;
  /** Device time of the first recording, ms. */
  t0: number;
  vans: string[];
  concurrency: number;
}

/** Lines per write request (the batch Givre's writer and the peer's `join` node send). */
export const RAW_BATCH_LINES = 5_000;

const args = JSON.parse(process.argv[2] ?? '{}') as RawWriterArgs;
const run = { firstSeq: 1, t0: args.t0 };
let n = 0;

function nextBatch(): string {
  const lines: string[] = [];
  for (let i = 0; i < RAW_BATCH_LINES; i++, n++) {
    const van = args.vans[n % args.vans.length]!;
    const r = benchReading(van, Math.floor(n / args.vans.length) + 1, run);
    lines.push(
      `temperature,compartment=${r.compartment},sensor=${r.sensor},van=${van} celsius=${r.celsius},seq=${r.seq}i ${r.ts}`,
    );
  }
  return lines.join('\n');
}

const endpoint = `${args.url}/write?db=${encodeURIComponent(args.database)}&precision=ms`;
process.send?.({ type: 'ready' });
await new Promise<void>((resolve) => process.once('message', () => resolve()));
const firstPublishAt = Date.now();
const deadline = firstPublishAt + args.durationMs;
let acknowledged = 0;
let failed = 0;
let lastPublishAt = firstPublishAt;
const cpuBefore = process.cpuUsage();
await Promise.all(
  Array.from({ length: args.concurrency }, async () => {
    while (Date.now() < deadline) {
      const body = nextBatch();
      lastPublishAt = Date.now();
      const res = await fetch(endpoint, { method: 'POST', body });
      await res.arrayBuffer();
      if (res.status === 204) acknowledged += RAW_BATCH_LINES;
      else failed += RAW_BATCH_LINES;
    }
  }),
);
const cpu = process.cpuUsage(cpuBefore);
process.send?.({
  type: 'done',
  messages: (acknowledged + failed) / RAW_BATCH_LINES,
  published: acknowledged + failed,
  acknowledged,
  failed,
  firstPublishAt,
  lastPublishAt,
  lastAckAt: Date.now(),
  cpuSeconds: (cpu.user + cpu.system) / 1e6,
  nextSeq: {},
});
process.disconnect?.();
