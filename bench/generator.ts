// A group of bench vans in a process of its own, as real vans are (issue 14): MQTT.js clients
// publishing telemetry at QoS 1 as fast as the system acknowledges, each keeping `window`
// messages in flight, for `durationMs` after the parent says go. Driven over the IPC channel:
// argv[2] is a GeneratorArgs in JSON; it sends `ready`, waits for `go`, sends `done`.
import mqtt, { type MqttClient } from 'mqtt';
import type { Socket } from 'node:net';
import { vanTopic } from '../core/topics.ts';
import type { GeneratorArgs, GeneratorReport, GeneratorVan } from './generator-protocol.ts';
import { benchBatch } from './telemetry.ts';

const args = JSON.parse(process.argv[2] ?? '{}') as GeneratorArgs;
const send = (message: unknown) => process.send?.(message);

const clients = await Promise.all(
  args.vans.map((van) =>
    mqtt.connectAsync(args.url, {
      clientId: van.id,
      reconnectPeriod: 0,
      ...(van.password ? { username: van.id, password: van.password } : {}),
    }),
  ),
);
// No Nagle on the vans' sockets. A van sends its next message on each PUBACK; with Nagle, a
// message written while the one before is not yet acknowledged by TCP waits in the van's
// kernel for that ACK, which the broker's kernel may hold back until it has something to
// send: behind a system that acknowledges once stored, the vans' messages then went out in
// step with its groups (`givre start` → SQLite at 10 per message: a median of 69 600
// readings/s over 9 runs of 10 s with Nagle, 81 700 over 15 without, back to back). That is
// an artefact of 20 connections standing in for a fleet: a real van with one message in
// flight every 30 s never meets it.
for (const client of clients) (client.stream as unknown as Socket).setNoDelay(true);
send({ type: 'ready' });
await new Promise<void>((resolve) => process.once('message', () => resolve()));

const counts = { messages: 0, published: 0, acknowledged: 0, failed: 0 };
const firstPublishAt = Date.now();
let lastPublishAt = firstPublishAt;
let lastAckAt = firstPublishAt;
const deadline = firstPublishAt + args.durationMs;
const cpuBefore = process.cpuUsage();

/** One van's sliding window: a PUBACK sends the next message until the deadline. */
function pump(client: MqttClient, van: GeneratorVan): Promise<number> {
  const topic = vanTopic(van.id, 'telemetry');
  let nextSeq = van.nextSeq;
  const run = { firstSeq: van.nextSeq, t0: args.t0 };
  let inFlight = 0;
  return new Promise((resolve) => {
    const next = () => {
      if (Date.now() >= deadline) {
        if (inFlight === 0) resolve(nextSeq);
        return;
      }
      const batch = benchBatch(van.id, nextSeq, args.readingsPerMessage, run);
      nextSeq += args.readingsPerMessage;
      inFlight += 1;
      counts.messages += 1;
      counts.published += args.readingsPerMessage;
      lastPublishAt = Date.now();
      client.publish(topic, JSON.stringify(batch), { qos: 1 }, (error) => {
        inFlight -= 1;
        if (error) counts.failed += args.readingsPerMessage;
        else [counts.acknowledged, lastAckAt] = [counts.acknowledged + args.readingsPerMessage, Date.now()];
        next();
      });
    };
    for (let i = 0; i < args.window; i++) next();
  });
}

const nextSeqs = await Promise.all(clients.map((client, i) => pump(client, args.vans[i]!)));
const cpu = process.cpuUsage(cpuBefore);
await Promise.all(clients.map((c) => c.endAsync()));
const report: GeneratorReport = {
  type: 'done',
  ...counts,
  firstPublishAt,
  lastPublishAt,
  lastAckAt,
  cpuSeconds: (cpu.user + cpu.system) / 1e6,
  nextSeq: Object.fromEntries(args.vans.map((v, i) => [v.id, nextSeqs[i]!])),
};
send(report);
process.disconnect?.();
