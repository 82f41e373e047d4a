import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OPS_COMMANDS_TOPIC } from '../core/ops-topics.ts';
import { vanTopic } from '../core/topics.ts';
import { isCommandTopic, type Inbound } from '../ingest/intake.ts';
import { createMqttIntake, type MqttIntake, type MqttIntakeOptions } from '../ingest/mqtt-intake.ts';
import { createLogger } from '../platform/logger.ts';
import { MetricsRegistry } from '../platform/metrics.ts';
import { freePort } from './harness/free-port.ts';
import { startMosquitto, type Mosquitto } from './harness/mosquitto.ts';
import { connectAsVan, connectClient } from './harness/mqtt-client.ts';
import { selfSignedCertificate } from './harness/self-signed.ts';
import { spawnGivre, waitReady, type ServiceProcess } from './harness/services.ts';
import { addDevices, SERVICE_USERNAME, splitEnv } from './harness/split-deployment.ts';
import { waitFor } from './harness/wait-for.ts';

/** The van whose telemetry the tests publish. */
const VAN = 'VAN-IN1';

/** One broker the intake subscribes to, as ingest meets it apart from itself. */
interface Broker {
  url: string;
  /** The service credential (ingest's, a dashboard's), if the broker asks for one. */
  auth?: { username: string; password: string };
  /** Connects as VAN, which may publish its telemetry. */
  connectVan(): Promise<MqttClient>;
  process?: ServiceProcess;
  /** SIGKILLs and restarts it on the same port and data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

async function startMosquittoBroker(): Promise<Broker> {
  const m: Mosquitto = await startMosquitto();
  return {
    url: m.url,
    connectVan: () => connectClient(m.url, VAN),
    restart: () => m.restart(),
    stop: () => m.stop(),
  };
}

/** `givre broker` as its own OS process (broker.db under its data directory). */
async function startGivreBroker(
  more: Record<string, string> = {},
): Promise<Broker & { env: Record<string, string> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'givre-intake-'));
  const mqttPort = await freePort();
  const env = splitEnv(dataDir, {
    GIVRE_MQTT_PORT: String(mqttPort),
    GIVRE_HTTP_PORT: String(await freePort()),
    ...more,
  });
  const http = `http://127.0.0.1:${env.GIVRE_HTTP_PORT}`;
  const launch = async () => {
    const p = spawnGivre('broker', ['broker'], env);
    broker.process = p;
    await waitReady(http, p);
  };
  let vanSecret: string | undefined;
  const broker: Broker & { env: Record<string, string> } = {
    env,
    url: `mqtt://127.0.0.1:${mqttPort}`,
    auth: { username: SERVICE_USERNAME, password: env.GIVRE_MQTT_PASSWORD! },
    async connectVan() {
      vanSecret ??= (await addDevices(env, [VAN])).secrets[VAN]!;
      return connectAsVan(broker.url, VAN, vanSecret);
    },
    async restart() {
      await broker.process?.kill('SIGKILL');
      await launch();
    },
    async stop() {
      await broker.process?.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await launch();
  return broker;
}

/** The handler's view: every group it was handed, and each message's number. */
function recorder() {
  const groups: number[][] = [];
  const seen = new Set<number>();
  const record = (messages: readonly Inbound[]) => {
    const ns = messages.map((m) => (JSON.parse(Buffer.from(m.payload).toString()) as { n: number }).n);
    groups.push(ns);
    for (const n of ns) seen.add(n);
  };
  return { groups, seen, record };
}

const all = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const hasAll = (seen: Set<number>, ns: number[]) => ns.every((n) => seen.has(n));
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each([
  ['Mosquitto', startMosquittoBroker],
  ['givre broker', () => startGivreBroker()],
])('the pipelining MQTT intake on %s (issue 14)', (_name, startBroker) => {
  let broker: Broker;
  let publisher: MqttClient | undefined;
  let dashboard: MqttClient | undefined;
  const intakes: MqttIntake[] = [];
  const releases: Array<() => void> = [];

  beforeAll(async () => {
    broker = await startBroker();
  });
  afterAll(async () => {
    await broker.stop();
  });
  afterEach(async () => {
    for (const release of releases.splice(0)) release();
    for (const i of intakes.splice(0)) await i.stop();
    await publisher?.endAsync(true);
    publisher = undefined;
    await dashboard?.endAsync(true);
    dashboard = undefined;
  });

  let clientSeq = 0;
  /** A fresh session per test, so that one test's leftovers are not the next one's. */
  const intake = (clientId: string, more: Partial<MqttIntakeOptions> = {}) => {
    const i = createMqttIntake({
      url: broker.url,
      clientId,
      ...(broker.auth ?? {}),
      metrics: new MetricsRegistry(),
      logger: createLogger({ level: 'silent' }),
      reconnectDelayMs: 100,
      maxReconnectDelayMs: 300,
      connectTimeoutMs: 2_000,
      retryDelayMs: 20,
      maxRetryDelayMs: 50,
      ...more,
    });
    intakes.push(i);
    return i;
  };
  /** VAN publishes messages `ns` at QoS 1; resolves once the broker acknowledged every one. */
  const publish = async (ns: number[]) => {
    publisher ??= await broker.connectVan();
    await Promise.all(
      ns.map((n) => publisher!.publishAsync(vanTopic(VAN, 'telemetry'), JSON.stringify({ n }), { qos: 1 })),
    );
  };
  /** A dashboard publishes command `n` at QoS 1; resolves once the broker acknowledged it. */
  const command = async (n: number) => {
    dashboard ??= await connectClient(broker.url, undefined, broker.auth);
    await dashboard.publishAsync(OPS_COMMANDS_TOPIC, JSON.stringify({ n }), { qos: 1 });
  };
  const session = () => `givre-ingest-t${process.pid}-${++clientSeq}`;
  /** A handler that never resolves while the test runs (released at cleanup so stop ends). */
  const stuck = (record: (m: readonly Inbound[]) => void) => (messages: readonly Inbound[]) => {
    record(messages);
    return new Promise<void>((resolve) => releases.push(resolve));
  };

  it('hands what queued during a slow commit as groups larger than one, and every message once acknowledged', async () => {
    const id = session();
    const r = recorder();
    await intake(id).start(async (messages) => {
      r.record(messages);
      await delay(30);
    });
    await publish(all(1, 200));
    await waitFor(() => hasAll(r.seen, all(1, 200)), { what: 'every message handed' });
    expect(Math.max(...r.groups.map((g) => g.length))).toBeGreaterThan(1);
    // Each message was handed exactly once: none came back unacknowledged.
    expect(r.groups.flat().sort((a, b) => a - b)).toEqual(all(1, 200));
  });

  it('hands a dashboard’s command as a group of its own, in the one order of intake, and never again when the group after it fails to store', async () => {
    const id = session();
    const r = recorder();
    // The handler as ingest's: a command alone is carried out (counted), a group of the van's
    // messages stored, and the first group after the command fails to store. The first group is
    // held until the rest has queued behind it.
    let carriedOut = 0;
    let failed = false;
    let storedAfterFailure = false;
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await intake(id).start(async (messages) => {
      r.record(messages);
      if (r.groups.length === 1) await held;
      for (const m of messages) if (isCommandTopic(m.topic)) carriedOut++;
      if (carriedOut > 0 && !isCommandTopic(messages[0]!.topic) && !failed) {
        failed = true;
        throw new Error('disk full');
      }
      if (failed) storedAfterFailure = true;
    });
    await publish([1]);
    await waitFor(() => r.groups.length === 1, { what: 'the first group in flight' });
    // Each publish acknowledged by the broker before the next is sent: one order of intake.
    await publish([2, 3]);
    await command(4);
    await publish([5, 6]);
    await delay(200);
    release();
    await waitFor(() => hasAll(r.seen, all(1, 6)) && storedAfterFailure, {
      what: 'every message handed, the failed group stored',
    });
    expect(r.groups.filter((g) => g.includes(4))).toEqual([[4]]);
    expect(carriedOut).toBe(1);
    // The group after the command failed, and was handed again whole.
    const afterCommand = r.groups.slice(r.groups.indexOf(r.groups.find((g) => g.includes(4))!) + 1);
    expect(afterCommand[1]).toEqual(afterCommand[0]);
    expect([...new Set(r.groups.flat())]).toEqual(all(1, 6));
  });

  it('acknowledges nothing of a group its handler has not resolved: a reconnecting intake gets every message again', async () => {
    const id = session();
    const first = recorder();
    await intake(id, { reconnectDelayMs: 60_000 }).start(stuck(first.record));
    await publish(all(1, 100));
    await waitFor(() => first.groups.length > 0, { what: 'a group in flight' });
    // The same session taken over, as ingest restarted after a crash.
    const again = recorder();
    await intake(id).start(async (messages) => again.record(messages));
    await waitFor(() => hasAll(again.seen, all(1, 100)), { what: 'every message redelivered' });
  });

  it('retries a group whose storage failed, and acknowledges it only once stored', async () => {
    const id = session();
    const r = recorder();
    let failures = 0;
    const stored = new Set<number>();
    const failing = intake(id);
    await failing.start(async (messages) => {
      r.record(messages);
      if (failures < 3) {
        failures++;
        throw new Error('disk full');
      }
      for (const m of messages)
        stored.add((JSON.parse(Buffer.from(m.payload).toString()) as { n: number }).n);
    });
    await publish(all(1, 50));
    // Stored, not merely handed: a failed attempt hands every message too, and stopping before
    // the attempt that succeeds would rightly leave them unacknowledged.
    await waitFor(() => failures === 3 && hasAll(stored, all(1, 50)), { what: 'every message stored' });
    // The group that failed was handed again whole: its first message twice, never acknowledged between.
    expect(r.groups[1]).toEqual(r.groups[0]);
    await failing.stop();
    // Nothing stored is redelivered: the next session's first message is the one published since.
    await publish([51]);
    const next = recorder();
    await intake(id).start(async (messages) => next.record(messages));
    await waitFor(() => next.seen.has(51), { what: 'the message published while away' });
    expect(next.groups.flat()).toEqual([51]);
  });

  it('keeps failing storage unacknowledged: a reconnecting intake gets every message again', async () => {
    const id = session();
    const r = recorder();
    await intake(id, { reconnectDelayMs: 60_000 }).start(async (messages) => {
      r.record(messages);
      throw new Error('disk full');
    });
    await publish(all(1, 30));
    await waitFor(() => r.groups.length >= 3, { what: 'retries' });
    const again = recorder();
    await intake(id).start(async (messages) => again.record(messages));
    await waitFor(() => hasAll(again.seen, all(1, 30)), { what: 'every message redelivered' });
  });
});

describe('the pipelining MQTT intake when givre broker dies or freezes (issue 14)', () => {
  let broker: Broker;
  let publisher: MqttClient | undefined;
  let i: MqttIntake | undefined;
  beforeAll(async () => {
    broker = await startGivreBroker();
  });
  afterAll(async () => {
    await broker.stop();
  });
  afterEach(async () => {
    await i?.stop();
    await publisher?.endAsync(true);
    publisher = undefined;
  });

  const start = async (
    clientId: string,
    handle: (m: readonly Inbound[]) => Promise<void>,
    keepaliveS = 60,
  ) => {
    i = createMqttIntake({
      url: broker.url,
      clientId,
      ...broker.auth!,
      metrics: new MetricsRegistry(),
      logger: createLogger({ level: 'silent' }),
      keepaliveS,
      reconnectDelayMs: 100,
      maxReconnectDelayMs: 300,
      connectTimeoutMs: 1_000,
    });
    await i.start(handle);
    return i;
  };
  const publish = async (ns: number[]) => {
    publisher ??= await connectClient(broker.url, undefined, broker.auth);
    await Promise.all(
      ns.map((n) => publisher!.publishAsync(OPS_COMMANDS_TOPIC, JSON.stringify({ n }), { qos: 1 })),
    );
  };

  it('reconnects after a SIGKILL and restart, resumes its session, and is handed every message published at least once', async () => {
    const r = recorder();
    // Its first group commits until the broker is back: killed with it in flight.
    let release = () => {};
    const restarted = new Promise<void>((resolve) => (release = resolve));
    const intakeOf = await start('givre-ingest-kill', async (messages) => {
      r.record(messages);
      await restarted;
    });
    await publish(all(1, 300));
    await publisher!.endAsync(true);
    publisher = undefined;
    // The rest waits in broker.db, acknowledged to the publisher.
    await waitFor(() => r.groups.length > 0, { what: 'a group in flight' });
    await broker.restart();
    release();
    await waitFor(() => intakeOf.readiness().ok, { what: 'the intake connected again' });
    await publish(all(301, 350));
    await waitFor(() => hasAll(r.seen, all(1, 350)), { what: 'every message handed' });
  });

  it('drops a frozen broker (SIGSTOP) by its keepalive and reconnects once it runs again (SIGCONT)', async () => {
    const r = recorder();
    const intakeOf = await start('givre-ingest-stop', async (messages) => r.record(messages), 1);
    broker.process!.signal('SIGSTOP');
    try {
      await waitFor(() => !intakeOf.readiness().ok, { what: 'the intake to drop the frozen broker' });
    } finally {
      broker.process!.signal('SIGCONT');
    }
    await waitFor(() => intakeOf.readiness().ok, { what: 'the intake connected again' });
    await publish([1]);
    await waitFor(() => r.seen.has(1), { what: 'a message handed after the freeze' });
  });
});

describe('givre ingest on givre broker over mqtts (issue 14: the intake keeps TLS)', () => {
  it('connects its intake and its publishing connection over TLS, trusting the CA given by NODE_EXTRA_CA_CERTS', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'givre-intake-tls-'));
    const { cert, key } = selfSignedCertificate(dir);
    const mqttsPort = await freePort();
    const broker = await startGivreBroker({
      GIVRE_TLS_CERT: cert,
      GIVRE_TLS_KEY: key,
      GIVRE_MQTTS_PORT: String(mqttsPort),
    });
    const httpPort = await freePort();
    const ingest = spawnGivre('ingest', ['ingest'], {
      ...broker.env,
      GIVRE_HTTP_PORT: String(httpPort),
      GIVRE_MQTT_URL: `mqtts://127.0.0.1:${mqttsPort}`,
      NODE_EXTRA_CA_CERTS: cert,
    });
    try {
      await waitReady(`http://127.0.0.1:${httpPort}`, ingest);
      const metrics = await (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text();
      expect(metrics).toMatch(/^givre_ingest_connected 1$/m);
    } finally {
      await ingest.kill('SIGTERM');
      await broker.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
