// Benchmark vans in a process of their own, as real vans are: each connects with its own
// credential, then publishes telemetry at QoS 1 on a fixed period until SIGTERM.
// argv[2]: a JSON VanFleetPlan. Stdout, one line each: `connected N` while connecting,
// `ready`, `progress {...}` every second, `done {...}` once stopped (FleetCounts).
import mqtt, { type MqttClient } from 'mqtt';
import { readFileSync, writeFileSync } from 'node:fs';
import { vanTopic } from '../core/topics.ts';

export interface VanFleetPlan {
  url: string;
  /** van → secret, as `givre device add --credentials-file` writes it. */
  credentialsFile: string;
  vans: string[];
  /** Each van publishes one message every periodMs, the fleet's vans spread evenly over it. */
  periodMs: number;
  readingsPerMessage: number;
  compartment: string;
  celsius: number;
  /** Where to write `van seq publishedAtMs` of every reading at the end (wall clock, sub-ms). */
  publishLog?: string;
}

export interface FleetCounts {
  messages: number;
  readings: number;
  /** Messages whose PUBACK came: Givre had stored them. */
  acked: number;
}

/** Vans connecting at once: each first CONNECT costs the broker a scrypt check. */
const CONNECTING_AT_ONCE = 20;
/** After SIGTERM, how long to wait for the PUBACKs of what was sent, ms. */
const DRAIN_MS = 5_000;

const plan = JSON.parse(process.argv[2] ?? '{}') as VanFleetPlan;
const secrets = JSON.parse(readFileSync(plan.credentialsFile, 'utf8')) as Record<string, string>;
const now = () => performance.timeOrigin + performance.now();
const counts: FleetCounts = { messages: 0, readings: 0, acked: 0 };
const log: string[] = [];
const clients: MqttClient[] = [];

for (let i = 0; i < plan.vans.length; i += CONNECTING_AT_ONCE) {
  const batch = plan.vans.slice(i, i + CONNECTING_AT_ONCE);
  clients.push(
    ...(await Promise.all(
      batch.map((van) =>
        mqtt.connectAsync(plan.url, {
          clientId: van,
          username: van,
          password: secrets[van] ?? '',
          reconnectPeriod: 0,
          connectTimeout: 120_000,
        }),
      ),
    )),
  );
  process.stdout.write(`connected ${clients.length}\n`);
}
process.stdout.write('ready\n');

const timers: NodeJS.Timeout[] = [];
plan.vans.forEach((van, v) => {
  const client = clients[v] as MqttClient;
  const topic = vanTopic(van, 'telemetry');
  let seq = 0;
  const publish = () => {
    const at = Date.now();
    const n = plan.readingsPerMessage;
    const readings = Array.from({ length: n }, (_, r) => ({
      seq: ++seq,
      ts: at - (n - 1 - r),
      kind: 'temperature',
      compartment: plan.compartment,
      sensor: `${van}-T1`,
      celsius: plan.celsius,
    }));
    if (plan.publishLog) {
      const t = now();
      for (const r of readings) log.push(`${van} ${r.seq} ${t.toFixed(3)}`);
    }
    counts.messages++;
    counts.readings += n;
    client.publish(topic, JSON.stringify({ v: 1, van, readings }), { qos: 1 }, (err) => {
      if (!err) counts.acked++;
    });
  };
  const phase = (v / plan.vans.length) * plan.periodMs;
  timers.push(
    setTimeout(() => {
      publish();
      timers.push(setInterval(publish, plan.periodMs));
    }, phase),
  );
});
const progress = setInterval(() => process.stdout.write(`progress ${JSON.stringify(counts)}\n`), 1_000);

process.once('SIGTERM', () => {
  for (const t of timers) clearTimeout(t);
  clearInterval(progress);
  void (async () => {
    const deadline = Date.now() + DRAIN_MS;
    while (counts.acked < counts.messages && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    if (plan.publishLog) writeFileSync(plan.publishLog, log.join('\n'));
    process.stdout.write(`done ${JSON.stringify(counts)}\n`);
    await Promise.all(clients.map((c) => c.endAsync(true)));
    process.exit(0);
  })();
});
