import { Aedes } from 'aedes';
import type { MqttClient } from 'mqtt';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDeviceSecret } from '../state/device-provisioning.ts';
import { decodeVanMessage } from '../core/decode.ts';
import type { Reading } from '../core/readings.ts';
import { vanTopic } from '../core/topics.ts';
import { createSimulatedVan } from '../firmware-sim/simulated-van.ts';
import { receiptFor } from '../firmware-sim/van-harness.ts';
import { runGivre, startTestSystem, type TestSystem } from './harness/givre.ts';
import { connectClient } from './harness/mqtt-client.ts';
import { waitFor } from './harness/wait-for.ts';

/** Every message a client receives on a van's topics, decoded as ingest decodes it. */
async function watch(url: string, van: string) {
  const client = await connectClient(url);
  const seen: Array<{ channel: string; state?: string; readings?: Reading[]; retained: boolean }> = [];
  client.on('message', (topic, payload, packet) => {
    const decoded = decodeVanMessage(topic, payload);
    if (!decoded.ok) throw new Error(`invalid message on ${topic}: ${decoded.detail}`);
    const m = decoded.message;
    seen.push({
      channel: decoded.channel,
      retained: packet.retain,
      ...('state' in m ? { state: m.state } : {}),
      ...('readings' in m ? { readings: m.readings } : {}),
    });
  });
  await client.subscribeAsync([vanTopic(van, 'telemetry'), vanTopic(van, 'status'), vanTopic(van, 'acks')], {
    qos: 1,
  });
  return { client, seen };
}

async function retainedStatus(url: string, van: string): Promise<string> {
  const client = await connectClient(url);
  try {
    const got = new Promise<string>((resolve) =>
      client.on('message', (_t, payload) => resolve(JSON.parse(payload.toString()).state)),
    );
    await client.subscribeAsync(vanTopic(van, 'status'), { qos: 1 });
    return await got;
  } finally {
    await client.endAsync();
  }
}

describe('firmware-sim against a real MQTT broker (aedes)', () => {
  let broker: Aedes;
  let server: net.Server;
  let url: string;
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    broker = await Aedes.createBroker();
    server = net.createServer(broker.handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `mqtt://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const c of clients) await c.endAsync();
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('publishes valid batches, announces online (retained), relays alerts and acks, takes receipts, and goes offline on stop', async () => {
    const { client, seen } = await watch(url, 'VAN-01');
    clients.push(client);
    // As ingest does once it has stored them (issue 13): without receipts the van would hold every reading.
    client.on('message', (topic, payload) => {
      if (topic === vanTopic('VAN-01', 'telemetry'))
        void client.publishAsync(vanTopic('VAN-01', 'receipts'), receiptFor(payload.toString()), { qos: 1 });
    });
    const alerts: string[] = [];
    const van = createSimulatedVan({
      van: 'VAN-01',
      url,
      scenario: 'normal',
      seed: 3,
      speed: 600, // one 30 s recording every 50 ms
      intervalS: 30,
      onAlert: (a) => alerts.push(a.id),
    });
    await van.start();
    await waitFor(() => seen.filter((m) => m.channel === 'telemetry').length >= 5, { what: '5 batches' });
    expect(await retainedStatus(url, 'VAN-01')).toBe('online');

    const now = Date.now();
    const alert = { v: 1, id: 'al-1', van: 'VAN-01', kind: 'door-open', severity: 'warning', state: 'open' };
    await client.publishAsync(
      vanTopic('VAN-01', 'alerts'),
      JSON.stringify({ ...alert, startedAt: now, detectedAt: now }),
      {
        qos: 1,
      },
    );
    await waitFor(() => alerts.length === 1, { what: 'the alert in the cab' });
    await van.acknowledge('al-1', 'loading');
    await waitFor(() => seen.some((m) => m.channel === 'acks'), { what: 'the ack' });

    await van.stop();
    await waitFor(() => seen.at(-1)?.state === 'offline', { what: 'offline status' });
    expect(await retainedStatus(url, 'VAN-01')).toBe('offline');
    const readings = seen.flatMap((m) => m.readings ?? []);
    readings.forEach((r, i) => i > 0 && expect(r.seq).toBe(readings[i - 1]!.seq + 1));
    expect(van.stats().buffered).toBe(0);
  });

  it('network-outage: the broker publishes the will, then the van forwards its backlog in order', async () => {
    const { client, seen } = await watch(url, 'VAN-02');
    clients.push(client);
    // 1 200×: the outage (device minutes 20–35) lasts from 1 s to 1.75 s of wall time.
    const van = createSimulatedVan({
      van: 'VAN-02',
      url,
      scenario: 'network-outage',
      seed: 4,
      speed: 1200,
      intervalS: 30,
      // No ingest here to receipt: a recorder that trusts the broker's PUBACK, sending nothing twice.
      receipts: false,
    });
    await van.start();
    await waitFor(() => seen.some((m) => m.channel === 'status' && m.state === 'offline'), {
      what: 'the last will',
    });
    const deviceMinutes = () => {
      const ts = seen.flatMap((m) => m.readings ?? []).map((r) => r.ts);
      return ts.length > 0 ? (Math.max(...ts) - Math.min(...ts)) / 60_000 : 0;
    };
    await waitFor(() => deviceMinutes() > 40, { what: 'readings after the outage' });
    await van.stop();
    const states = seen.filter((m) => m.channel === 'status').map((m) => m.state);
    expect(states.slice(0, 3)).toEqual(['online', 'offline', 'online']);
    const readings = seen.flatMap((m) => m.readings ?? []);
    readings.forEach((r, i) => {
      if (i === 0) return;
      expect(r.seq).toBe(readings[i - 1]!.seq + 1);
      expect(r.ts).toBeGreaterThanOrEqual(readings[i - 1]!.ts);
    });
  });
});

/** `givre sim --credentials` against Givre's own broker with device authentication (issue 4). */
describe('givre sim --credentials against the embedded broker', () => {
  let system: TestSystem;
  let dir: string;
  let credentials: string;
  beforeAll(async () => {
    system = await startTestSystem({ access: 'devices' });
    dir = mkdtempSync(join(tmpdir(), 'givre-sim-credentials-'));
    const secrets: Record<string, string> = {};
    for (const van of ['VAN-01', 'VAN-02']) {
      secrets[van] = await issueDeviceSecret(system.devices, van, { mode: 'add' });
    }
    credentials = join(dir, 'credentials.json');
    writeFileSync(credentials, JSON.stringify(secrets), { mode: 0o600 });
  });
  afterAll(async () => {
    await system?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('each van signs in as itself with its own secret and its readings are stored', async () => {
    // 600×: one 30 s recording every 50 ms of wall time.
    const args = ['sim', '--vans', '2', '--credentials', credentials, '--url', system.mqttUrl];
    const child = spawn(process.execPath, [resolve('bin/givre.js'), ...args, '--speed', '600'], {
      // The services' shared GIVRE_MQTT_* are ignored with --credentials.
      env: { ...process.env, GIVRE_LOG_LEVEL: 'warn', GIVRE_MQTT_USERNAME: 'givre-service' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', r));
    try {
      for (const van of ['VAN-01', 'VAN-02']) {
        await waitFor(async () => (await system.store.count({ van })) > 0, {
          what: `${van}'s readings stored`,
          timeoutMs: 15_000,
        });
      }
    } catch (err) {
      throw new Error(`${(err as Error).message}; givre sim said: ${stderr}`);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
  });

  it('stops with exit code 2 and one line when a simulated van is missing from the file', async () => {
    const { code, stdout, stderr } = await runGivre([
      'sim',
      '--vans',
      '3',
      '--credentials',
      credentials,
      '--url',
      system.mqttUrl,
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([
      `givre: --credentials ${JSON.stringify(credentials)}: no secret for VAN-03 (givre device add VAN-03 prints one)`,
    ]);
  });
});

/**
 * Issue 11 (9): beside the demo (`givre start --simulate 2`), an administrator issues more vans
 * into a credentials file and `givre sim` runs exactly those: each signs in as itself, and the
 * demo's own VAN-01 and VAN-02 are never knocked out of their client ids.
 */
describe('givre sim beside the demo, with credentials written by givre device add', () => {
  let system: TestSystem;
  let dir: string;
  beforeAll(async () => {
    // 600×: one 30 s recording every 50 ms of wall time.
    system = await startTestSystem({
      access: 'devices',
      simulate: { vans: 2, speed: 600, intervalS: 30, seed: 1 },
    });
    dir = mkdtempSync(join(tmpdir(), 'givre-sim-beside-demo-'));
  });
  afterAll(async () => {
    await system?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('device add writes one secret per van to a 0600 file, and givre sim runs those vans, knocking none out', async () => {
    const file = join(dir, 'sims.json');
    const added = await runGivre(['device', 'add', 'VAN-03', 'VAN-04', '--credentials-file', file], {
      GIVRE_DATA_DIR: system.dataDir,
    });
    expect(added.code, added.stderr).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const secrets = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    expect(Object.keys(secrets)).toEqual(['VAN-03', 'VAN-04']);
    // Adding another van later keeps the first ones.
    await runGivre(['device', 'add', 'VAN-05', '--credentials-file', file], {
      GIVRE_DATA_DIR: system.dataDir,
    });
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')) as object)).toEqual([
      'VAN-03',
      'VAN-04',
      'VAN-05',
    ]);

    // Every status the broker relays, to see whether a demo van is ever pushed offline.
    const service = system.demoCredentials!.service;
    const watcher = await connectClient(system.mqttUrl, 'givre-test-watcher', service);
    const statuses: string[] = [];
    watcher.on('message', (topic, payload) => {
      const { van, state } = JSON.parse(payload.toString()) as { van: string; state: string };
      statuses.push(`${van} ${state}`);
    });
    await watcher.subscribeAsync('givre/v1/vans/+/status', { qos: 1 });
    const before = await system.store.count({ van: 'VAN-01' });

    const child = spawn(
      process.execPath,
      [resolve('bin/givre.js'), 'sim', '--credentials', file, '--url', system.mqttUrl, '--speed', '600'],
      { env: { ...process.env, GIVRE_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', r));
    try {
      for (const van of ['VAN-03', 'VAN-04', 'VAN-05'])
        await waitFor(async () => (await system.store.count({ van })) > 10, {
          what: `${van}'s readings stored`,
          timeoutMs: 20_000,
        });
      // The demo's vans went on recording through it all.
      await waitFor(async () => (await system.store.count({ van: 'VAN-01' })) > before + 20, {
        what: 'VAN-01 still recording',
      });
    } catch (err) {
      throw new Error(`${(err as Error).message}; givre sim said: ${out}`);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    await watcher.endAsync();
    expect(out).toMatch(/3 camionnette\(s\) simulée\(s\)/);
    expect(statuses.filter((s) => /^VAN-0[12] offline$/.test(s))).toEqual([]);
    for (const van of ['VAN-03', 'VAN-04', 'VAN-05']) expect(statuses).toContain(`${van} online`);
    const metrics = await system.scrape();
    expect(metrics.get('givre_broker_refused_total{reason="connect-client-id"}') ?? 0).toBe(0);
    expect(metrics.get('givre_broker_refused_total{reason="connect-wrong-secret"}') ?? 0).toBe(0);
  });
});
