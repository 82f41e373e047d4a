import Database from 'better-sqlite3';
import mqtt, { type IClientOptions } from 'mqtt';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../platform/logger.ts';
import { MetricsRegistry } from '../platform/metrics.ts';
import { createBroker, type GivreBroker } from './broker.ts';
import { enqueueBeforeAcknowledge } from './enqueue-before-acknowledge.ts';
import { SqlitePersistence } from './sqlite-persistence.ts';

const STATUS = 'givre/v1/vans/VAN-01/status';
const TELEMETRY = 'givre/v1/vans/VAN-01/telemetry';

interface Received {
  topic: string;
  payload: string;
  retain: boolean;
  dup: boolean;
}

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** aedes on broker.db with the hook, as buildBroker makes it, on a free port. */
async function startBroker(path: string, maxPayloadBytes = 64 * 1024) {
  const persistence = new SqlitePersistence(path);
  const broker: GivreBroker = await createBroker({
    metrics: new MetricsRegistry(),
    logger: createLogger({ level: 'silent' }),
    maxPayloadBytes,
    persistence,
    beforeAcknowledge: enqueueBeforeAcknowledge(() => broker.aedes),
  });
  const { port } = await broker.listen(0, '127.0.0.1');
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await broker.close();
    await persistence.destroy();
  };
  cleanups.push(close);
  return { broker, url: `mqtt://127.0.0.1:${port}`, close };
}

async function connect(url: string, clientId: string, options: IClientOptions = {}) {
  const client = await mqtt.connectAsync(url, { clientId, reconnectPeriod: 0, ...options });
  cleanups.push(() => client.endAsync(true));
  return client;
}

/** A client that records what it receives; `clean: false` keeps its session in the broker. */
async function listener(url: string, clientId: string, clean: boolean) {
  const received: Received[] = [];
  const client = await connect(url, clientId, { clean });
  client.on('message', (topic, payload, packet) =>
    received.push({ topic, payload: payload.toString(), retain: packet.retain, dup: packet.dup }),
  );
  return { client, received };
}

async function subscriber(url: string, clientId: string, filter: string, clean: boolean) {
  const subscribed = await listener(url, clientId, clean);
  await subscribed.client.subscribeAsync(filter, { qos: 1 });
  return subscribed;
}

/** A persistent session back: it subscribes to nothing, the broker remembers what it had. */
const resume = (url: string, clientId: string) => listener(url, clientId, false);

const until = async (condition: () => boolean, what: string) => {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
};

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'givre-ack-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'broker.db');
}

/** Issue 13: the embedded broker acknowledges a QoS 1 publish once every subscriber's queue has it. */
describe('acknowledge after the message is queued (embedded broker on broker.db)', () => {
  it('gives no PUBACK for a message it could not queue for an offline session; the van sends it again', async () => {
    const path = scratch();
    const { url } = await startBroker(path);
    const ingest = await connect(url, 'givre-ingest', { clean: false });
    await ingest.subscribeAsync('givre/v1/vans/+/telemetry', { qos: 1 });
    await ingest.endAsync();
    // The disk is full: no row can be added to a queue.
    const disk = new Database(path);
    cleanups.push(() => disk.close());
    disk.exec("CREATE TRIGGER full BEFORE INSERT ON outgoing BEGIN SELECT RAISE(ABORT, 'disk full'); END");

    const van = await connect(url, 'VAN-01');
    let acknowledged = false;
    void van.publishAsync(TELEMETRY, 'reading 1', { qos: 1 }).then(
      () => (acknowledged = true),
      () => undefined,
    );
    await new Promise<void>((resolve) => van.once('close', () => resolve()));
    expect(acknowledged).toBe(false);

    disk.exec('DROP TRIGGER full');
    const again = await connect(url, 'VAN-01');
    await again.publishAsync(TELEMETRY, 'reading 1', { qos: 1 });
    const back = await resume(url, 'givre-ingest');
    await until(() => back.received.length > 0, 'the queued message');
    expect(back.received.map((m) => m.payload)).toEqual(['reading 1']);
  });

  it('delivers each message once to every kind of subscriber, with retain and dup as aedes sets them', async () => {
    const { broker, url } = await startBroker(scratch());
    const online = await subscriber(url, 'givre-ingest', 'givre/v1/vans/+/status', false);
    const away = await subscriber(url, 'VAN-01', STATUS, false);
    await away.client.endAsync();
    const live = await subscriber(url, 'watcher', 'givre/v1/#', true);
    const senders: Array<string | undefined> = [];
    await new Promise<void>((done) =>
      broker.aedes.subscribe(
        STATUS,
        (packet, cb) => (senders.push((packet as { clientId?: string }).clientId), cb()),
        done,
      ),
    );

    const van = await connect(url, 'givre-VAN-01');
    await van.publishAsync(STATUS, 'online', { qos: 1, retain: true });
    await van.publishAsync(STATUS, 'marker', { qos: 1 });
    await until(() => online.received.length >= 2 && live.received.length >= 2, 'both messages');

    const expected = [
      { topic: STATUS, payload: 'online', retain: false, dup: false },
      { topic: STATUS, payload: 'marker', retain: false, dup: false },
    ];
    expect(online.received).toEqual(expected);
    expect(live.received).toEqual(expected);
    expect(senders).toEqual(['givre-VAN-01', 'givre-VAN-01']);
    // The session that was away gets its queue, once; a new subscriber the retained message, as retained.
    const back = await resume(url, 'VAN-01');
    await until(() => back.received.length >= 2, 'the queue');
    expect(back.received.map((m) => m.payload)).toEqual(['online', 'marker']);
    const late = await subscriber(url, 'late', STATUS, true);
    await until(() => late.received.length >= 1, 'the retained message');
    expect(late.received).toEqual([{ topic: STATUS, payload: 'online', retain: true, dup: false }]);
  });

  it('still acknowledges and drops a refused publish, queued for nobody', async () => {
    const { url } = await startBroker(scratch(), 64);
    const away = await subscriber(url, 'givre-ingest', 'givre/v1/vans/+/telemetry', false);
    await away.client.endAsync();
    const van = await connect(url, 'VAN-01');
    await van.publishAsync(TELEMETRY, 'x'.repeat(65), { qos: 1 }); // over GIVRE_MAX_PAYLOAD_BYTES
    await van.publishAsync('$SYS/fake', 'x', { qos: 1 });
    await van.publishAsync(TELEMETRY, 'fits', { qos: 1 });

    const back = await resume(url, 'givre-ingest');
    await until(() => back.received.length >= 1, 'the message that fits');
    expect(back.received.map((m) => m.payload)).toEqual(['fits']);
  });

  it('leaves QoS 2 to aedes and routes a will: each delivered once', async () => {
    const { url } = await startBroker(scratch());
    const online = await subscriber(url, 'givre-ingest', 'givre/v1/vans/+/status', false);
    const van = await connect(url, 'givre-VAN-01', {
      will: { topic: STATUS, payload: Buffer.from('offline'), qos: 1, retain: true },
    });
    await van.publishAsync(STATUS, 'exactly once', { qos: 2 });
    van.end(true); // no DISCONNECT: the broker publishes the will
    await until(() => online.received.length >= 2, 'the will');
    // The subscriber's own QoS 2 handshake may hand the first over after the will.
    expect(online.received.map((m) => m.payload).sort()).toEqual(['exactly once', 'offline']);
  });

  it('delivers what a session had queued once the broker is back on the same file', async () => {
    const path = scratch();
    const first = await startBroker(path);
    const away = await subscriber(first.url, 'givre-ingest', 'givre/v1/vans/+/telemetry', false);
    await away.client.endAsync();
    const van = await connect(first.url, 'VAN-01');
    for (const n of [1, 2, 3]) await van.publishAsync(TELEMETRY, `reading ${n}`, { qos: 1 });
    await first.close();

    const second = await startBroker(path);
    const back = await resume(second.url, 'givre-ingest');
    await until(() => back.received.length >= 3, 'the queue');
    expect(back.received.map((m) => m.payload)).toEqual(['reading 1', 'reading 2', 'reading 3']);
  });
});
