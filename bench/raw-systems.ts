import { influxql, startInfluxd } from '../test/harness/influxd.ts';
import { freePort } from '../test/harness/free-port.ts';
import { startMosquitto } from '../test/harness/mosquitto.ts';
import { forkTs, type BenchChild } from './child.ts';
import { influxCount } from './counting.ts';
import { discard, RECOMMENDED_MOSQUITTO } from './givre-systems.ts';
import { startPeerPipeline } from './peer-pipeline.ts';
import { pidListeningOn, type WatchedProcess } from './process-stats.ts';
import type { SystemLauncher, SystemUnderTest } from './system-under-test.ts';

/** The subscriber that only counts (bench/counting-subscriber.ts), subscribed to `url`. */
async function countingSubscriber(url: string) {
  const counter = forkTs('bench/counting-subscriber.ts', [url]);
  await counter.next('ready');
  let before = 0;
  return {
    counter,
    /** Readings relayed to it since the last `zero()`: messages × the run's readings per message. */
    count: async (window: { readingsPerMessage: number }) =>
      ((await counter.ask<{ messages: number }>('count')).messages - before) * window.readingsPerMessage,
    zero: async () => {
      before = (await counter.ask<{ messages: number }>('count')).messages;
    },
  };
}

function relay(
  key: string,
  label: string,
  url: string,
  broker: WatchedProcess,
  subscriber: Awaited<ReturnType<typeof countingSubscriber>>,
  stopBroker: () => Promise<void>,
): SystemUnderTest {
  return {
    key,
    label,
    group: 'raw',
    load: { kind: 'mqtt', url },
    count: subscriber.count,
    beforeRun: subscriber.zero,
    processes: [broker, { name: 'counting subscriber', pid: subscriber.counter.child.pid! }],
    async stop() {
      await subscriber.counter.stop();
      await stopBroker();
    },
  };
}

/** Raw limit: bare aedes (in-memory) relaying QoS 1 telemetry to a subscriber that only counts. */
export const aedesRelay: SystemLauncher = async () => {
  const port = await freePort();
  const aedes: BenchChild = forkTs('bench/aedes-relay.ts', [String(port)]);
  await aedes.next('listening');
  const url = `mqtt://127.0.0.1:${port}`;
  const subscriber = await countingSubscriber(url);
  return relay(
    'raw-aedes',
    'raw: aedes relay → counting subscriber',
    url,
    { name: 'aedes', pid: aedes.child.pid! },
    subscriber,
    aedes.stop,
  );
};

/** Raw limit: Mosquitto (max_queued_messages 0) relaying QoS 1 telemetry to a subscriber that only counts. */
export const mosquittoRelay: SystemLauncher = async () => {
  const mosquitto = await startMosquitto(RECOMMENDED_MOSQUITTO);
  const subscriber = await countingSubscriber(mosquitto.url);
  const broker = { name: 'mosquitto', pid: pidListeningOn(mosquitto.port) };
  return relay(
    'raw-mosquitto',
    'raw: Mosquitto (max_queued_messages 0) relay → counting subscriber',
    mosquitto.url,
    broker,
    subscriber,
    () => discard(mosquitto),
  );
};

/** Raw limit: InfluxDB taking line protocol in 5 000-line batches over HTTP (bench/influx-raw-writer.ts). */
export function influxRaw(): SystemLauncher {
  return async () => {
    const influxd = await startInfluxd();
    const database = 'raw_bench';
    await influxql(influxd, `CREATE DATABASE ${database}`);
    return {
      key: 'raw-influx',
      label: 'raw: InfluxDB, line protocol in 5 000-line batches over HTTP',
      group: 'raw',
      load: { kind: 'influx-lines', url: influxd.url, database },
      shapes: [],
      count: influxCount(influxd, database),
      processes: [{ name: 'influxd', pid: pidListeningOn(influxd.port) }],
      stop: () => influxd.destroy(),
    };
  };
}

/**
 * The peer a user would build instead (DESIGN.md §8): Mosquitto → Node-RED 4.1 → InfluxDB.
 * Fair: as a data pipeline is run, Mosquitto with max_queued_messages 0 and Node-RED on a
 * persistent session (peer-flow.ts). Default: Mosquitto's and Node-RED's own defaults
 * (max_queued_messages 1000, clean session), which drop QoS 1 messages queued for a slow
 * subscriber, and the queue on a reconnection.
 */
export function peer(configuration: 'fair' | 'default'): SystemLauncher {
  return async () => {
    const influxd = await startInfluxd();
    const mosquitto = await startMosquitto(configuration === 'fair' ? RECOMMENDED_MOSQUITTO : {});
    const pipeline = await startPeerPipeline(mosquitto, influxd, {
      persistentSession: configuration === 'fair',
    });
    return {
      key: `peer-${configuration}`,
      label:
        configuration === 'fair'
          ? 'peer: Mosquitto (max_queued_messages 0) → Node-RED 4.1 (persistent session) → InfluxDB'
          : 'peer, dropping: Mosquitto defaults (max_queued_messages 1000) → Node-RED 4.1 → InfluxDB',
      group: 'peer',
      load: { kind: 'mqtt', url: mosquitto.url },
      count: influxCount(influxd, pipeline.database),
      processes: [
        { name: 'mosquitto', pid: pidListeningOn(mosquitto.port) },
        { name: 'node-red', pid: pipeline.pid },
        { name: 'influxd', pid: pidListeningOn(influxd.port) },
      ],
      ...(configuration === 'default'
        ? { note: 'drops QoS 1 messages beyond 1 000 queued for Node-RED' }
        : {}),
      async stop() {
        await pipeline.stop();
        await discard(mosquitto);
        await influxd.destroy();
      },
    };
  };
}
