import mqtt, { type MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { createBroker, type GivreBroker } from '../broker/broker.ts';
import { vanTopic } from '../core/topics.ts';
import { createBrokerIntake, type BrokerIntake } from '../ingest/broker-intake.ts';
import { isIntakeTopic, type Inbound } from '../ingest/intake.ts';
import { createLogger } from '../platform/logger.ts';
import { MetricsRegistry } from '../platform/metrics.ts';
import { freePort } from './harness/free-port.ts';
import { connectClient } from './harness/mqtt-client.ts';
import { waitFor } from './harness/wait-for.ts';

interface Running {
  broker: GivreBroker;
  intake: BrokerIntake;
  url: string;
  /** Publishes of ingest's topics aedes has handed to the intake so far. */
  arrived(): number;
}

/** The embedded broker of `givre start` with its intake, as cli/givre-system.ts wires them. */
async function startBroker(port = 0): Promise<Running> {
  const metrics = new MetricsRegistry();
  const logger = createLogger({ level: 'silent' });
  const intake = createBrokerIntake({ metrics, logger });
  let arrived = 0;
  const broker = await createBroker({
    metrics,
    logger,
    maxPayloadBytes: 65_536,
    beforeAcknowledge: (publish) => {
      if (isIntakeTopic(publish.topic)) arrived++;
      return intake.beforeAcknowledge(publish);
    },
  });
  const listening = await broker.listen(port, '127.0.0.1');
  return { broker, intake, url: `mqtt://127.0.0.1:${listening.port}`, arrived: () => arrived };
}

/** A gate the test opens: a handler waits on it, so the test sees what happens meanwhile. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const telemetry = (van: string, seq: number) =>
  JSON.stringify({
    v: 1,
    van,
    readings: [{ seq, ts: 1_764_000_000_000 + seq, kind: 'battery', percent: 80 }],
  });
const seqOf = (payload: Uint8Array) =>
  (JSON.parse(Buffer.from(payload).toString()) as { readings: Array<{ seq: number }> }).readings[0]!.seq;
/** The seqs of a group the intake handed over, in its order. */
const seqsOf = (group: readonly Inbound[]) => group.map((m) => seqOf(m.payload));

/**
 * Issue 13, "every acknowledgement means durable", `givre start`: the embedded aedes hands each
 * publish ingest takes to the broker intake before it acknowledges it (broker/broker.ts
 * `beforeAcknowledge`). A real aedes, real MQTT.js clients on loopback.
 */
describe('givre start: the embedded broker acknowledges a publish once ingest has handled it', () => {
  const running: Running[] = [];
  const clients: MqttClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.endAsync(true);
    for (const r of running.splice(0)) {
      await r.intake.stop();
      await r.broker.close();
    }
  });
  const connect = async (url: string, id?: string) => {
    const c = await connectClient(url, id);
    clients.push(c);
    return c;
  };

  it('sends the PUBACK of a QoS 1 publish only after the handler resolved, then routes it on (MQTT 3.1.1 §4.3.2)', async () => {
    const system = await startBroker();
    running.push(system);
    const held = gate();
    const log: string[] = [];
    await system.intake.start(async (group) => {
      log.push(`handling ${seqsOf(group).join()}`);
      await held.opened;
      log.push(`stored ${seqsOf(group).join()}`);
    });
    const watcher = await connect(system.url);
    watcher.on('message', (_t, payload) => log.push(`routed ${seqOf(payload)}`));
    await watcher.subscribeAsync(vanTopic('VAN-01', 'telemetry'), { qos: 1 });

    const van = await connect(system.url, 'VAN-01');
    const published = van
      .publishAsync(vanTopic('VAN-01', 'telemetry'), telemetry('VAN-01', 1), { qos: 1 })
      .then(() => log.push('puback 1'));
    await waitFor(() => log.includes('handling 1'), { what: 'the handler to get the publish' });
    // A full round trip through the broker on another connection: a PUBACK already sent
    // would be back by now.
    const other = await connect(system.url);
    await other.publishAsync('elsewhere/ping', 'x', { qos: 1 });
    expect(log).toEqual(['handling 1']);

    held.open();
    await published;
    await waitFor(() => log.includes('routed 1'), { what: 'the watcher to get the message' });
    expect(log.slice(0, 2)).toEqual(['handling 1', 'stored 1']);
    expect(log.slice(2).sort()).toEqual(['puback 1', 'routed 1']);
  });

  it('hands the handler one group at a time, every publish in the order it arrived, QoS 0 and 1 alike', async () => {
    const system = await startBroker();
    running.push(system);
    const handled: number[] = [];
    let busy = 0;
    let mostAtOnce = 0;
    await system.intake.start(async (group) => {
      busy++;
      mostAtOnce = Math.max(mostAtOnce, busy);
      // A store's write: the handler gives way before it is done.
      await new Promise((r) => setImmediate(r));
      handled.push(...seqsOf(group));
      busy--;
    });
    const van = await connect(system.url, 'VAN-01');
    const vanTwo = await connect(system.url, 'VAN-02');
    // Written without waiting, so that aedes reads many in one chunk and dispatches them at once.
    const sent = Array.from({ length: 200 }, (_, i) => i + 1);
    const acks = sent.map((seq) =>
      van.publishAsync(vanTopic('VAN-01', 'telemetry'), telemetry('VAN-01', seq), {
        qos: seq % 5 === 0 ? 0 : 1,
      }),
    );
    const others = sent.map((seq) =>
      vanTwo.publishAsync(vanTopic('VAN-02', 'telemetry'), telemetry('VAN-02', 1_000 + seq), { qos: 1 }),
    );
    await Promise.all([...acks, ...others]);
    await waitFor(() => handled.length === 2 * sent.length, { what: 'every publish handled' });

    expect(mostAtOnce).toBe(1);
    expect(handled.filter((seq) => seq < 1_000)).toEqual(sent);
    expect(handled.filter((seq) => seq > 1_000)).toEqual(sent.map((seq) => 1_000 + seq));
  });

  it('groups what arrives while a group is handled: the next group takes it all, and none of it is acknowledged before that group is handled (issue 14)', async () => {
    const system = await startBroker();
    running.push(system);
    const gates = [gate(), gate()];
    const groups: number[][] = [];
    await system.intake.start(async (group) => {
      const g = groups.push(seqsOf(group)) - 1;
      await gates[g]?.opened;
    });
    const acked: number[] = [];
    const publish = (client: MqttClient, van: string, seq: number) =>
      client
        .publishAsync(vanTopic(van, 'telemetry'), telemetry(van, seq), { qos: 1 })
        .then(() => acked.push(seq));
    const first = publish(await connect(system.url, 'VAN-01'), 'VAN-01', 1);
    await waitFor(() => groups.length === 1, { what: 'the first group' });

    // While the first group is being handled, three more vans publish five each.
    const vans = ['VAN-02', 'VAN-03', 'VAN-04'];
    const clientsOf = await Promise.all(vans.map((van) => connect(system.url, van)));
    const later = vans.flatMap((van, v) =>
      [1, 2, 3, 4, 5].map((i) => publish(clientsOf[v]!, van, (v + 2) * 100 + i)),
    );
    await waitFor(() => system.arrived() === 16, { what: 'the fifteen later publishes queued' });
    expect(acked).toEqual([]);

    gates[0]!.open();
    await first;
    await waitFor(() => groups.length === 2, { what: 'the second group' });
    expect([...groups[1]!].sort((a, b) => a - b)).toEqual([
      201, 202, 203, 204, 205, 301, 302, 303, 304, 305, 401, 402, 403, 404, 405,
    ]);
    // Each van's publishes in the order it sent them.
    for (const v of [2, 3, 4])
      expect(groups[1]!.filter((seq) => Math.floor(seq / 100) === v)).toEqual(
        [1, 2, 3, 4, 5].map((i) => v * 100 + i),
      );
    // A full round trip through the broker on another connection: a PUBACK already sent would be back.
    await (await connect(system.url)).publishAsync('elsewhere/ping', 'x', { qos: 1 });
    expect(acked).toEqual([1]);

    gates[1]!.open();
    await Promise.all(later);
    expect(acked).toHaveLength(16);
    expect(groups).toHaveLength(2);
  });

  it('leaves unacknowledged what it had not handled when ingest stopped; the re-send after a restart waits for ingest, then is handled', async () => {
    const port = await freePort();
    const first = await startBroker(port);
    const held = gate();
    const entered: number[] = [];
    const handledFirst: number[] = [];
    await first.intake.start(async (group) => {
      entered.push(...seqsOf(group));
      await held.opened;
      handledFirst.push(...seqsOf(group));
    });
    const a = await connect(first.url, 'VAN-01');
    // VAN-02 redials and re-sends what was not acknowledged, as a van's firmware does.
    const b = mqtt.connect(first.url, { clientId: 'VAN-02', reconnectPeriod: 100, connectTimeout: 5_000 });
    clients.push(b);
    await new Promise((resolve) => b.once('connect', resolve));
    const log: string[] = [];
    b.on('close', () => log.push('VAN-02 disconnected'));
    const aAcked = a.publishAsync(vanTopic('VAN-01', 'telemetry'), telemetry('VAN-01', 1), { qos: 1 });
    await waitFor(() => entered.length === 1, { what: 'the handler to hold VAN-01’s publish' });
    const bAcked = b
      .publishAsync(vanTopic('VAN-02', 'telemetry'), telemetry('VAN-02', 7), { qos: 1 })
      .then(() => log.push('VAN-02 puback'));

    const witness = await connect(first.url);
    await witness.publishAsync('elsewhere/ping', 'x', { qos: 1 });
    // Ingest stops while it handles VAN-01's publish, VAN-02's waiting behind it.
    const stopped = first.intake.stop();
    held.open();
    await stopped;
    await aAcked; // the one being handled finished: stored and acknowledged
    expect(handledFirst).toEqual([1]);
    await waitFor(() => log.includes('VAN-02 disconnected'), { what: 'VAN-02’s connection closed' });
    await first.broker.close();
    expect(log).toEqual(['VAN-02 disconnected']);

    // Restarted on the same port: the broker takes VAN-02 back before ingest has started.
    const second = await startBroker(port);
    running.push(second);
    await waitFor(() => second.broker.connectedClients() > 0, { what: 'VAN-02 to reconnect' });
    const witnessTwo = await connect(second.url);
    await witnessTwo.publishAsync('elsewhere/ping', 'x', { qos: 1 });
    expect(log).not.toContain('VAN-02 puback');

    const handledSecond: number[] = [];
    await second.intake.start(async (group) => {
      handledSecond.push(...seqsOf(group));
    });
    await bAcked;
    expect(handledSecond).toEqual([7]);
  });
});
