import mqtt, { type MqttClient } from 'mqtt';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDeviceSecret } from '../state/device-provisioning.ts';
import { vanTopic } from '../core/topics.ts';
import { runGivre, startTestSystem, withEnv, type TestSystem } from './harness/givre.ts';
import { loadInput } from './harness/loads-api.ts';
import { mosquittoPub, mosquittoSub } from './harness/mosquitto-pub.ts';
import { temperatureBatch } from './harness/mqtt-client.ts';
import { waitFor } from './harness/wait-for.ts';

/** Connects with MQTT.js and no retry; rejects with the CONNACK code as `code` when refused. */
function connectAs(
  url: string,
  username: string,
  password: string,
  clientId = username,
): Promise<MqttClient> {
  return mqtt.connectAsync(url, { username, password, clientId, reconnectPeriod: 0, connectTimeout: 5_000 });
}
const connackCode = (promise: Promise<unknown>) =>
  promise.then(
    () => 0,
    (err: { code?: number }) => err.code,
  );

/** Issue 4, devices: per-van credentials and topic ACL on the embedded broker, with real clients. */
describe('device credentials and topic ACL', () => {
  let system: TestSystem;
  const secrets: Record<string, string> = {};
  beforeAll(async () => {
    system = await startTestSystem({ access: 'devices' });
    for (const van of ['VAN-01', 'VAN-02', 'VAN-03', 'VAN-05']) {
      secrets[van] = await issueDeviceSecret(system.devices, van, { mode: 'add' });
    }
  });
  afterAll(async () => {
    await system?.stop();
  });

  const port = () => system.mqttPort as number;
  const metric = async (name: string) => (await system.scrape()).get(name) ?? 0;
  const refused = (reason: string) => metric(`givre_broker_refused_total{reason="${reason}"}`);
  const asVan = (van: string) => ({ username: van, password: secrets[van] as string, clientId: van });

  it('refuses mosquitto_pub with a wrong secret (CONNACK 4) and stores nothing', async () => {
    const before = await refused('connect-wrong-secret');
    const batch = JSON.stringify(temperatureBatch('VAN-05', 1, 3));
    const result = await mosquittoPub(port(), vanTopic('VAN-05', 'telemetry'), batch, 1, {
      ...asVan('VAN-05'),
      password: 'not-the-secret',
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/bad user ?name or password/i);
    expect(await refused('connect-wrong-secret')).toBe(before + 1);
    // Anonymous and unknown vans are refused too.
    expect(await connackCode(mqtt.connectAsync(system.mqttUrl, { reconnectPeriod: 0 }))).toBe(5);
    expect(await connackCode(connectAs(system.mqttUrl, 'VAN-77', 'guess'))).toBe(4);
    // The right secret then goes through: the refused batch was never stored.
    expect(
      (await mosquittoPub(port(), vanTopic('VAN-05', 'telemetry'), batch, 1, asVan('VAN-05'))).code,
    ).toBe(0);
    await waitFor(async () => (await system.store.count({ van: 'VAN-05' })) === 3, { what: 'VAN-05 stored' });
  });

  it('drops and counts VAN-01 publishing to VAN-02’s topic, storing nothing of it', async () => {
    const before = await refused('publish-not-own-topic');
    const forged = JSON.stringify(temperatureBatch('VAN-02', 1, 2));
    const result = await mosquittoPub(port(), vanTopic('VAN-02', 'telemetry'), forged, 1, asVan('VAN-01'));
    // MQTT 3.1.1 §3.3.5: acknowledged as usual and dropped, so the van is not disconnected in a loop.
    expect(result.code).toBe(0);
    expect(await refused('publish-not-own-topic')).toBe(before + 1);
    // VAN-01's own batch, published after it, is stored: the forged one went nowhere.
    const own = JSON.stringify(temperatureBatch('VAN-01', 1, 2));
    expect((await mosquittoPub(port(), vanTopic('VAN-01', 'telemetry'), own, 1, asVan('VAN-01'))).code).toBe(
      0,
    );
    await waitFor(async () => (await system.store.count({ van: 'VAN-01' })) === 2, { what: 'VAN-01 stored' });
    expect(await system.store.count({ van: 'VAN-02' })).toBe(0);
  });

  it('lets a van subscribe to its own alerts only', async () => {
    const client = await connectAs(system.mqttUrl, 'VAN-02', secrets['VAN-02'] as string);
    const before = await refused('subscribe-not-own-topic');
    const own = await client.subscribeAsync(vanTopic('VAN-02', 'alerts'), { qos: 1 });
    expect(own.map((g) => g.qos)).toEqual([1]);
    // SUBACK 0x80, failure (MQTT 3.1.1 §3.9.3): MQTT.js rejects; the connection stays up.
    await expect(client.subscribeAsync(vanTopic('VAN-01', 'alerts'), { qos: 1 })).rejects.toThrow(
      /Subscribe/,
    );
    await expect(client.subscribeAsync('givre/v1/vans/+/telemetry', { qos: 1 })).rejects.toThrow(/Subscribe/);
    expect(client.connected).toBe(true);
    expect(await refused('subscribe-not-own-topic')).toBe(before + 2);
    await client.endAsync();
  });

  it('forwards a van nothing of a refused filter, even after its persistent session resumes', async () => {
    const session = {
      username: 'VAN-02',
      password: secrets['VAN-02'] as string,
      clientId: 'VAN-02',
      clean: false,
    };
    const first = await mqtt.connectAsync(system.mqttUrl, { ...session, reconnectPeriod: 0 });
    // One SUBSCRIBE with a filter it may have and one it may not: aedes stores the packet's
    // filters in the session as they came, so the refused one is back at the next connect.
    const granted = await first
      .subscribeAsync({
        [vanTopic('VAN-02', 'receipts')]: { qos: 1 },
        'givre/v1/vans/+/telemetry': { qos: 1 },
      })
      .then(
        (grants) => grants.map((g) => g.qos),
        (err: Error) => err.message,
      );
    expect(granted).not.toEqual([1, 1]);
    await first.endAsync();

    // While VAN-02 is away, VAN-01's batch is stored and queued for every session it matches.
    const other = JSON.stringify(temperatureBatch('VAN-01', 900, 2));
    expect(
      (await mosquittoPub(port(), vanTopic('VAN-01', 'telemetry'), other, 1, asVan('VAN-01'))).code,
    ).toBe(0);
    const received: string[] = [];
    // Listening before CONNACK: what a resumed session gets may come in the same read as it,
    // and MQTT.js emits it before a promise on `connect` has resumed this test.
    const again = mqtt.connect(system.mqttUrl, { ...session, reconnectPeriod: 0 });
    again.on('message', (topic) => received.push(topic));
    await new Promise((resolve, reject) => {
      again.once('connect', resolve);
      again.once('error', reject);
    });
    // VAN-02's own receipt comes after whatever its session had queued.
    await again.publishAsync(
      vanTopic('VAN-02', 'telemetry'),
      JSON.stringify(temperatureBatch('VAN-02', 900, 1)),
      {
        qos: 1,
      },
    );
    await waitFor(() => received.includes(vanTopic('VAN-02', 'receipts')), { what: 'VAN-02’s own receipt' });
    expect(received).not.toContain(vanTopic('VAN-01', 'telemetry'));
    await again.endAsync();
  });

  it('gives a van nothing of the services’ internal topics (mosquitto_pub, mosquitto_sub)', async () => {
    const command = JSON.stringify({
      v: 1,
      id: 'forged-command-0001',
      replyTo: 'VAN-03',
      sentAt: Date.now(),
      command: { type: 'load-create', by: 'VAN-03', input: loadInput({ van: 'VAN-03' }) },
    });
    const before = await refused('publish-not-permitted');
    expect((await mosquittoPub(port(), 'givre/v1/ops/commands', command, 1, asVan('VAN-03'))).code).toBe(0);
    await waitFor(async () => (await refused('publish-not-permitted')) === before + 1, {
      what: 'the forged command refused by the broker',
    });
    expect(system.ingest.compliance.loadRepository.list({ limit: 10 })).toEqual([]);

    const deniedBefore = await refused('subscribe-not-own-topic');
    const sub = await mosquittoSub(port(), 'givre/v1/ops/#', asVan('VAN-03'));
    expect(sub.stderr).toMatch(/denied/i);
    expect(await refused('subscribe-not-own-topic')).toBe(deniedBefore + 1);
  });

  it('refuses a van taking another client’s id (CONNACK 2): ingest keeps its session', async () => {
    expect(
      await connackCode(connectAs(system.mqttUrl, 'VAN-01', secrets['VAN-01'] as string, 'givre-ingest')),
    ).toBe(2);
    expect(await metric('givre_ingest_connected')).toBe(1);
  });

  it('disconnects a van revoked from another process, which then cannot reconnect (CONNACK 5)', async () => {
    const client = await connectAs(system.mqttUrl, 'VAN-03', secrets['VAN-03'] as string);
    let closed = false;
    client.on('close', () => (closed = true));
    const revoked = await runGivre(['device', 'revoke', 'VAN-03'], { GIVRE_DATA_DIR: system.dataDir });
    expect(revoked.code).toBe(0);
    await waitFor(() => closed, { what: 'VAN-03 disconnected', timeoutMs: 5_000 });
    expect(await metric('givre_broker_disconnects_total{reason="revoked"}')).toBe(1);
    expect(await connackCode(connectAs(system.mqttUrl, 'VAN-03', secrets['VAN-03'] as string))).toBe(5);
    client.end(true);
  });

  it('`givre device add` prints a secret once that lets the van in; `list` never shows it', async () => {
    const added = await runGivre(['device', 'add', 'VAN-08'], { GIVRE_DATA_DIR: system.dataDir });
    expect(added.code).toBe(0);
    const secret = /secret\s+:\s+(\S+)/.exec(added.stdout)?.[1] as string;
    expect(secret).toMatch(/^[\w-]{43}$/);
    const client = await connectAs(system.mqttUrl, 'VAN-08', secret, 'givre-VAN-08');
    await client.endAsync();
    const listed = await runGivre(['device', 'list'], { GIVRE_DATA_DIR: system.dataDir });
    expect(listed.stdout).toMatch(/VAN-03\s+revoked/);
    expect(listed.stdout).toMatch(/VAN-08\s+active/);
    expect(listed.stdout).not.toContain(secret);
    expect(listed.stdout).not.toContain('scrypt');
  });
});

describe('service secret at start-up', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'givre-start-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = () => ({ GIVRE_DATA_DIR: dataDir, GIVRE_MQTT_PORT: '0', GIVRE_HTTP_PORT: '0' });

  it.each([
    ['unset', {}],
    ['a well-known default', { GIVRE_MQTT_PASSWORD: 'changeme' }],
  ])('outside the demo, refuses to start with the service secret %s, in one line', async (_what, extra) => {
    const { code, stdout, stderr } = await runGivre(['start'], {
      ...env(),
      GIVRE_MQTT_PASSWORD: undefined,
      ...extra,
    });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^givre: GIVRE_MQTT_PASSWORD="\**" is invalid: expected /);
  });

  it('the demo provisions its vans and prints their credentials, which work', async () => {
    const child = spawn(process.execPath, [resolve('bin/givre.js'), 'start', '--simulate', '2'], {
      env: withEnv({ ...env(), GIVRE_MQTT_PASSWORD: undefined, GIVRE_LOG_LEVEL: 'silent' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise((r) => child.on('exit', r));
    try {
      await waitFor(() => stdout.includes('Ctrl+C'), { what: 'givre start --simulate to print its banner' });
      const url = /broker MQTT\s+: (\S+)/.exec(stdout)?.[1] as string;
      const secret = /^\s+VAN-02\s+(\S+)$/m.exec(stdout)?.[1] as string;
      const service = /givre-service (\S+)$/m.exec(stdout)?.[1] as string;
      expect(secret).toMatch(/^[\w-]{43}$/);
      const van = await connectAs(url, 'VAN-02', secret, 'VAN-02');
      await van.endAsync();
      const ingestLike = await connectAs(url, 'givre-service', service, 'givre-test-service');
      await ingestLike.endAsync();
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});
