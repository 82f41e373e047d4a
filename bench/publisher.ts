// A fleet of benchmark vans in a process of its own (as real vans are): publishes its share of
// telemetry at QoS 1 and exits. argv: url runId vans messagesPerVan readingsPerMessage
import mqtt from 'mqtt';
import { vanTopic } from '../core/topics.ts';

const [url = '', runId = '0', vansArg = '1', messagesArg = '1', readingsArg = '1'] = process.argv.slice(2);
const vans = Number(vansArg);
const messagesPerVan = Number(messagesArg);
const readingsPerMessage = Number(readingsArg);
const T0 = Date.UTC(2026, 10, 26, 18, 0, 0);
/** Messages in flight per van: MQTT.js keeps such a window while it forwards an outage backlog. */
const WINDOW = 64;

const ids = Array.from({ length: vans }, (_, i) => `BENCH-${runId}-${String(i + 1).padStart(2, '0')}`);
const clients = await Promise.all(
  ids.map((id) => mqtt.connectAsync(url, { clientId: id, reconnectPeriod: 0 })),
);
// Payloads are built before the clock starts, so the figure is Givre's, not this process's.
const payloads = ids.map((van) =>
  Array.from({ length: messagesPerVan }, (_, m) =>
    JSON.stringify({
      v: 1,
      van,
      readings: Array.from({ length: readingsPerMessage }, (_, r) => {
        const seq = m * readingsPerMessage + r + 1;
        return {
          seq,
          ts: T0 + seq * 1_000,
          kind: 'temperature',
          compartment: 'chilled',
          sensor: `${van}-T1`,
          celsius: 3.1,
        };
      }),
    }),
  ),
);
// The parent starts its clock on this line.
process.stdout.write('ready\n');
await Promise.all(
  clients.map(async (client, v) => {
    const topic = vanTopic(ids[v] as string, 'telemetry');
    const list = payloads[v] as string[];
    for (let m = 0; m < list.length; m += WINDOW) {
      await Promise.all(list.slice(m, m + WINDOW).map((p) => client.publishAsync(topic, p, { qos: 1 })));
    }
  }),
);
await Promise.all(clients.map((c) => c.endAsync()));
