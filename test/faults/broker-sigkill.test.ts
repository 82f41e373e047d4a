import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertMessage, VanStatus } from '../../core/messages.ts';
import { vanTopic } from '../../core/topics.ts';
import { openReadingBacklog } from '../../firmware-sim/reading-backlog.ts';
import { reportFault } from '../harness/fault-summary.ts';
import { freePort } from '../harness/free-port.ts';
import { runGivre, scrapeMetrics } from '../harness/givre.ts';
import { connectClient } from '../harness/mqtt-client.ts';
import { spawnGivre, waitReady, type ServiceProcess } from '../harness/services.ts';
import { startTcpProxy, type TcpProxy } from '../harness/tcp-proxy.ts';
import { waitFor } from '../harness/wait-for.ts';

const VANS = ['VAN-01', 'VAN-02', 'VAN-03'] as const;
/** A parked van whose cab display keeps a persistent session: offline while the broker dies. */
const CAB = 'VAN-04';
const SERVICE = 'givre-service';
/** Readings stored between two faults. */
const READINGS_BETWEEN_FAULTS = 600;
/** Publishes the broker acknowledges while ingest is cut off, before it is killed. */
const PUBLISHES_WHILE_INGEST_AWAY = 60;

/** Is the broker, restarted, storing again (through ingest): true within this, or it failed. */
const RECOVERY_TIMEOUT_MS = 30_000;

/**
 * Issue 13, fault 1, on the embedded broker: `givre broker` SIGKILLed twice and started again
 * on its port and data directory while three `givre sim` vans stream QoS 1 telemetry to it and
 * `givre ingest` stores it, each its own OS process. The first time ingest is connected and a
 * van-offline alert is queued for VAN-04's cab display, away with a persistent session; the
 * second time ingest's link to the broker is down (a TCP relay cut), so that the broker holds
 * readings it acknowledged to the vans in ingest's persistent session when it dies. Then, per
 * van and sensor, every reading generated is stored once (by seq), and the alert reached the
 * cab when it came back.
 */
describe('givre broker SIGKILLed twice under a stream of three vans', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'givre-broker-kill-'));
  const stateDir = mkdtempSync(join(tmpdir(), 'givre-broker-kill-vans-'));
  const secret = randomBytes(24).toString('base64url');
  let env: Record<string, string>;
  let brokerUrl = '';
  let brokerHttp = '';
  let ingestHttp = '';
  let broker: ServiceProcess | undefined;
  let ingest: ServiceProcess | undefined;
  let sims: ServiceProcess | undefined;
  let relay: TcpProxy | undefined;
  let watcher: MqttClient | undefined;
  let cab: MqttClient | undefined;
  let cabSecret = '';
  let readings: Database.Database | undefined;
  let state: Database.Database | undefined;
  /** Each van's first seq, from its `online` (bootSeq): where its numbering of readings starts. */
  const bootSeqs = new Map<string, number>();
  const cabAlerts: AlertMessage[] = [];

  const startBroker = async () => {
    broker = spawnGivre('broker', ['broker'], { ...env, GIVRE_HTTP_PORT: brokerHttp.split(':').at(-1)! });
    await waitReady(brokerHttp, broker);
  };
  const stored = () => {
    readings ??= new Database(join(dataDir, 'givre.db'), { readonly: true, fileMustExist: true });
    return readings.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM readings').get()!.n;
  };
  const storedOf = (van: string) =>
    readings!
      .prepare<[string], { seq: number; kind: string; sensor: string | null; compartment: string | null }>(
        'SELECT seq, kind, sensor, compartment FROM readings WHERE van = ? ORDER BY seq',
      )
      .all(van);
  /**
   * The cab display's client, connected. `onMessage` is attached before CONNACK: a persistent
   * session's queued messages may come in the same read as the CONNACK, and MQTT.js emits them
   * before a promise on its `connect` event has resumed the caller.
   */
  const connectCab = (options: IClientOptions = {}, onMessage?: (payload: Buffer) => void) => {
    const client = mqtt.connect(brokerUrl, {
      clientId: CAB,
      username: CAB,
      password: cabSecret,
      clean: false,
      reconnectPeriod: 0,
      connectTimeout: 5_000,
      ...options,
    });
    if (onMessage) client.on('message', (_topic, payload) => onMessage(payload));
    return new Promise<MqttClient>((resolve, reject) => {
      client.once('connect', () => resolve(client));
      client.once('error', reject);
    });
  };
  const cabStatus = (s: 'online' | 'offline') =>
    JSON.stringify(VanStatus.parse({ v: 1, van: CAB, state: s, ts: Date.UTC(2026, 11, 3, 5, 0) }));
  /** The van-offline alert ingest raised for the cab, handed to the broker (PUBACK: its outbox is empty). */
  const cabAlertHandedOver = () => {
    state ??= new Database(join(dataDir, 'state.db'), { readonly: true, fileMustExist: true });
    const raised = state
      .prepare(
        "SELECT COUNT(*) AS n FROM alerts WHERE van = ? AND json_extract(episode, '$.kind') = 'van-offline'",
      )
      .get(CAB) as { n: number };
    const owed = state
      .prepare(
        "SELECT COUNT(*) AS n FROM alert_outbox WHERE channel = 'van' AND json_extract(notice, '$.episode.van') = ?",
      )
      .get(CAB) as { n: number };
    return raised.n > 0 && owed.n === 0;
  };
  /** Waits for storage to go on after a fault; the time since `faultAt`, ms. */
  const recovery = async (faultAt: number, atFault: number) => {
    await waitFor(() => stored() > atFault, {
      what: `ingest to store again: ${broker?.output().slice(-1500)}`,
      timeoutMs: RECOVERY_TIMEOUT_MS,
    });
    return Date.now() - faultAt;
  };
  const more = async (count: number) => {
    const before = stored();
    await waitFor(() => stored() >= before + count, {
      what: `${count} more readings stored: ${sims?.output().slice(-1500)}`,
      timeoutMs: 30_000,
    });
  };

  beforeAll(async () => {
    const ports = { mqtt: await freePort(), broker: await freePort(), ingest: await freePort() };
    brokerUrl = `mqtt://127.0.0.1:${ports.mqtt}`;
    brokerHttp = `http://127.0.0.1:${ports.broker}`;
    ingestHttp = `http://127.0.0.1:${ports.ingest}`;
    env = {
      GIVRE_DATA_DIR: dataDir,
      GIVRE_BIND_HOST: '127.0.0.1',
      GIVRE_ALLOWED_HOSTS: 'localhost',
      GIVRE_LOG_LEVEL: 'warn',
      GIVRE_MQTT_USERNAME: SERVICE,
      GIVRE_MQTT_PASSWORD: secret,
      GIVRE_MQTT_PORT: String(ports.mqtt),
    };
    const simCredentials = join(stateDir, 'credentials.json');
    const added = await runGivre(['device', 'add', ...VANS, '--credentials-file', simCredentials], env);
    expect(added.code, added.stderr).toBe(0);
    const cabAdded = await runGivre(['device', 'add', CAB], env);
    cabSecret = /secret\s+:\s+(\S+)/.exec(cabAdded.stdout)![1]!;

    await startBroker();
    // Ingest reaches the broker through a relay the test can cut, as a depot network drops.
    relay = await startTcpProxy({ host: '127.0.0.1', port: ports.mqtt });
    ingest = spawnGivre('ingest', ['ingest'], {
      ...env,
      GIVRE_MQTT_URL: relay.url.replace('http://', 'mqtt://'),
      GIVRE_HTTP_PORT: String(ports.ingest),
    });
    await waitReady(ingestHttp, ingest);

    watcher = await connectClient(brokerUrl, 'fault-watcher', { username: SERVICE, password: secret });
    watcher.on('message', (_topic, payload) => {
      const status = VanStatus.safeParse(JSON.parse(payload.toString()));
      if (status.success && status.data.bootSeq !== undefined && !bootSeqs.has(status.data.van))
        bootSeqs.set(status.data.van, status.data.bootSeq);
    });
    await watcher.subscribeAsync('givre/v1/vans/+/status', { qos: 1 });

    // The cab display: a persistent session subscribed to its alerts, with a last will.
    cab = await connectCab({
      will: {
        topic: vanTopic(CAB, 'status'),
        payload: Buffer.from(cabStatus('offline')),
        qos: 1,
        retain: true,
      },
    });
    await cab.subscribeAsync(vanTopic(CAB, 'alerts'), { qos: 1 });
    await cab.publishAsync(vanTopic(CAB, 'status'), cabStatus('online'), { qos: 1, retain: true });

    sims = spawnGivre(
      'sim',
      [
        'sim',
        '--credentials',
        simCredentials,
        '--url',
        brokerUrl,
        '--speed',
        '600',
        '--interval',
        '30',
        '--seed',
        '13',
        '--state-dir',
        stateDir,
      ],
      {
        ...env,
        GIVRE_DATA_DIR: stateDir,
        GIVRE_LOG_LEVEL: 'info',
      },
    );
    await waitFor(() => bootSeqs.size === VANS.length, { what: `the vans online: ${sims.output()}` });
  }, 90_000);

  afterAll(async () => {
    await sims?.kill('SIGKILL');
    await cab?.endAsync(true);
    await watcher?.endAsync(true);
    readings?.close();
    state?.close();
    await ingest?.kill('SIGTERM');
    await broker?.kill('SIGTERM');
    await relay?.close();
    for (const dir of [dataDir, stateDir]) rmSync(dir, { recursive: true, force: true });
  });

  it('stores every reading the vans generated once, and the alert queued for the away cab reaches it', async () => {
    let longestRecoveryMs = 0;
    await more(READINGS_BETWEEN_FAULTS);

    // 1. The cab goes away without a word: its will says offline, ingest raises van-offline
    //    and publishes it to the cab's alerts topic, where the broker queues it in the cab's
    //    session. Then the broker dies, ingest connected, the vans in mid-stream.
    cab!.end(true);
    await waitFor(cabAlertHandedOver, { what: 'the van-offline alert of VAN-04 handed to the broker' });
    let faultAt = Date.now();
    await broker!.kill('SIGKILL');
    let atFault = stored();
    await startBroker();
    longestRecoveryMs = Math.max(longestRecoveryMs, await recovery(faultAt, atFault));
    cab = await connectCab({}, (payload) =>
      cabAlerts.push(AlertMessage.parse(JSON.parse(payload.toString()))),
    );
    // Given its time: an alert that does not come is reported with the rest below.
    const cabGotIt = await waitFor(() => cabAlerts.some((a) => a.kind === 'van-offline'), {
      what: 'the queued alert at the cab',
      timeoutMs: 30_000,
    }).then(
      () => true,
      () => false,
    );
    await cab.endAsync();
    await more(READINGS_BETWEEN_FAULTS);

    // 2. Ingest's link drops; the broker goes on acknowledging the vans' readings, queued in
    //    ingest's persistent session; then it dies with them, and ingest comes back to it.
    const accepted = async () => (await scrapeMetrics(brokerHttp)).get('givre_broker_publishes_total') ?? 0;
    relay!.cut();
    const acceptedAtCut = await accepted();
    await waitFor(async () => (await accepted()) >= acceptedAtCut + PUBLISHES_WHILE_INGEST_AWAY, {
      what: 'the broker to acknowledge readings while ingest is away',
    });
    faultAt = Date.now();
    await broker!.kill('SIGKILL');
    atFault = stored();
    await startBroker();
    relay!.restore();
    longestRecoveryMs = Math.max(longestRecoveryMs, await recovery(faultAt, atFault));
    // Long enough for the re-sends that followed the fault to be stored and receipted.
    await more(3 * READINGS_BETWEEN_FAULTS);

    // The vans stop (SIGTERM: they drain their backlog, then say offline); what each generated
    // is its seqs from its bootSeq up to the next it would have used, from its backlog file.
    await sims!.kill('SIGTERM');
    const generated = new Map<string, number[]>();
    let pending = 0;
    for (const van of VANS) {
      const backlog = openReadingBacklog({
        file: join(stateDir, `${van}.outbox.jsonl`),
        maxReadings: 1_000_000,
      });
      const next = backlog.nextSeq()!;
      pending += backlog.size();
      backlog.close();
      const first = bootSeqs.get(van)!;
      generated.set(
        van,
        Array.from({ length: next - first }, (_, i) => first + i),
      );
    }
    const everything = [...generated.values()].reduce((n, seqs) => n + seqs.length, 0);
    const complete = await waitFor(() => stored() >= everything, {
      what: 'every reading stored',
      timeoutMs: 20_000,
    }).then(
      () => true,
      () => false,
    );
    const missing = Object.fromEntries(
      VANS.map((van) => {
        const have = new Set(storedOf(van).map((r) => r.seq));
        return [van, generated.get(van)!.filter((seq) => !have.has(seq)).length];
      }),
    );
    const total = stored();
    const duplicated =
      (await scrapeMetrics(ingestHttp)).get('givre_ingest_readings_total{result="duplicate"}') ?? 0;
    reportFault({
      fault: 'givre broker (aedes on broker.db) SIGKILLed twice, split deployment',
      sent: everything,
      acknowledged: everything - pending,
      stored: total,
      duplicated,
      longestRecoveryMs,
      more: `missing by van ${JSON.stringify(missing)}; alert queued for the away cab delivered: ${cabGotIt}`,
    });

    expect(pending, 'readings left unacknowledged in the vans').toBe(0);
    expect(complete, 'every reading generated is stored').toBe(true);
    for (const van of VANS) {
      const rows = storedOf(van);
      // Per van: exactly the seqs it generated, each once (the store keeps one row per van and seq).
      expect(rows.map((r) => r.seq)).toEqual(generated.get(van));
      // Per sensor: one temperature per compartment sensor, and one battery reading, per recording.
      const perSensor = new Map<string, number>();
      for (const r of rows) {
        const sensor = r.kind === 'temperature' ? r.sensor! : r.kind;
        perSensor.set(sensor, (perSensor.get(sensor) ?? 0) + 1);
      }
      const recordings = perSensor.get('battery')!;
      for (const [sensor, n] of perSensor)
        if (sensor.includes('-T')) expect(n, `${van} ${sensor}`).toBe(recordings);
    }
    expect(total).toBe(everything);
    expect(cabGotIt, 'the van-offline alert queued for the away cab reached it').toBe(true);
    expect(cabAlerts.filter((a) => a.kind === 'van-offline')).toHaveLength(1);
    expect(cabAlerts[0]).toMatchObject({ van: CAB, kind: 'van-offline', state: 'open' });
  }, 150_000);
});
