import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDeviceSecret } from '../state/device-provisioning.ts';
import { decodeVanMessage } from '../core/decode.ts';
import { TelemetryBatch } from '../core/messages.ts';
import { parseVanTopic, vanTopic } from '../core/topics.ts';
import { createPrng } from '../firmware-sim/prng.ts';
import { createSimulatedVan, type SimulatedVan } from '../firmware-sim/simulated-van.ts';
import { fuzzMessage, type FuzzMessage } from './harness/fuzz-messages.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { waitFor } from './harness/wait-for.ts';

const SEED = 20261126;
const MESSAGES = 10_000;
const MAX_PAYLOAD = 64 * 1024;
const FUZZER = 'VAN-66';
const SERVICE_SECRET = 'fuzz-test-service-secret-0123';

/**
 * What should become of a message the fuzzer (an authenticated van) publishes: refused by the
 * broker (issue 4's ACL and guards), rejected by ingest (its decoder, by reason), or accepted.
 * Written from the README's rules, independently of the broker's code.
 */
function expectedOutcome(message: FuzzMessage): string {
  if (message.topic.startsWith('$')) return 'broker:publish-sys-topic';
  if (message.payload.length > MAX_PAYLOAD) return 'broker:publish-oversize';
  const topic = parseVanTopic(message.topic);
  if (topic && topic.van !== FUZZER) return 'broker:publish-not-own-topic';
  if (!topic || topic.channel === 'alerts') return 'broker:publish-not-permitted';
  const decoded = decodeVanMessage(message.topic, message.payload, MAX_PAYLOAD);
  return decoded.ok ? `accepted:${decoded.channel}` : `ingest:${decoded.reason}`;
}

function connect(url: string, username?: string, password?: string, clientId?: string) {
  return mqtt.connectAsync(url, {
    ...(username !== undefined ? { username } : {}),
    ...(password !== undefined ? { password } : {}),
    ...(clientId ? { clientId } : {}),
    reconnectPeriod: 0,
    connectTimeout: 10_000,
  });
}

const tally = (counts: Map<string, number>, key: string, by = 1) =>
  counts.set(key, (counts.get(key) ?? 0) + by);

/**
 * Issue 4 acceptance: ≥ 10 000 random and mutated messages through the broker while a
 * simulated van publishes valid data fast. Nothing crashes, every bad message is counted
 * under the reason it deserves, and every valid reading is stored.
 */
describe('broker and ingest under fuzzing', () => {
  let system: TestSystem;
  let van: SimulatedVan;
  let observer: MqttClient;
  const secrets: Record<string, string> = {};
  const observed = { seqs: new Set<number>(), telemetry: 0, status: 0 };

  beforeAll(async () => {
    system = await startTestSystem({
      access: 'devices',
      env: { GIVRE_MAX_PAYLOAD_BYTES: String(MAX_PAYLOAD), GIVRE_MQTT_PASSWORD: SERVICE_SECRET },
    });
    for (const id of ['VAN-01', FUZZER, 'VAN-70'])
      secrets[id] = await issueDeviceSecret(system.devices, id, { mode: 'add' });
    system.devices.revoke('VAN-70', Date.now());
    // The observer sees, as a service, every message of VAN-01 the broker let through.
    observer = await connect(system.mqttUrl, 'givre-service', SERVICE_SECRET, 'givre-test-observer');
    observer.on('message', (topic, payload) => {
      if (topic.endsWith('/status')) return void observed.status++;
      observed.telemetry++;
      for (const r of TelemetryBatch.parse(JSON.parse(payload.toString())).readings) observed.seqs.add(r.seq);
    });
    await observer.subscribeAsync({
      [vanTopic('VAN-01', 'telemetry')]: { qos: 1 },
      [vanTopic('VAN-01', 'status')]: { qos: 1 },
    });
  });
  afterAll(async () => {
    await van?.stop();
    await observer?.endAsync(true);
    await system?.stop();
  });

  it(`counts every one of ${MESSAGES}+ bad messages by reason and stores every valid reading`, async () => {
    const metrics = async () => system.scrape();
    const before = await metrics();
    const expected = new Map<string, number>();
    const acceptedSeqs = new Set<number>();

    van = createSimulatedVan({
      van: 'VAN-01',
      url: system.mqttUrl,
      username: 'VAN-01',
      password: secrets['VAN-01'] as string,
      scenario: 'normal',
      seed: 4,
      speed: 3_000,
      intervalS: 30,
    });
    await van.start();

    // 1. An authenticated van publishing garbage, in windows of 100 in flight, QoS 1.
    const rng = createPrng(SEED);
    const fuzzer = await connect(system.mqttUrl, FUZZER, secrets[FUZZER], FUZZER);
    for (let sent = 0; sent < MESSAGES;) {
      const window: Array<Promise<unknown>> = [];
      for (let i = 0; i < 100 && sent < MESSAGES; i++, sent++) {
        const message = fuzzMessage(rng, FUZZER, MAX_PAYLOAD);
        const outcome = expectedOutcome(message);
        tally(expected, outcome);
        if (outcome === 'accepted:telemetry') {
          for (const r of TelemetryBatch.parse(JSON.parse(message.payload.toString())).readings)
            acceptedSeqs.add(r.seq);
        }
        window.push(fuzzer.publishAsync(message.topic, message.payload, { qos: 1 }));
      }
      await Promise.all(window);
    }
    expect(fuzzer.connected).toBe(true); // refusals dropped the messages, not the van
    await fuzzer.endAsync();

    // 2. Protocol violations aedes answers by closing the connection (MQTT 3.1.1 §4.8).
    const violations = [
      ...['givre/v1/vans/+/telemetry', 'givre/#', '#', '+'].map(
        (t) => [t, 'broker:publish-wildcard'] as const,
      ),
      ['l/'.repeat(150), 'broker:too-many-topic-levels'] as const,
    ];
    for (let i = 0; i < 40; i++) {
      const [topic, outcome] = violations[i % violations.length] as (typeof violations)[number];
      const client = await connect(system.mqttUrl, FUZZER, secrets[FUZZER], `givre-${FUZZER}`);
      const closed = new Promise<void>((r) => client.once('close', () => r()));
      client.publish(topic, 'x', { qos: 0 });
      await closed;
      client.end(true);
      tally(expected, outcome);
    }

    // 3. Connections that must not get in (MQTT 3.1.1 §3.2.2.3).
    const attempts: Array<[string | undefined, string | undefined, string, string]> = [
      [FUZZER, 'wrong-secret', FUZZER, 'broker:connect-wrong-secret'],
      ['VAN-404', 'x', 'VAN-404', 'broker:connect-unknown-user'],
      [undefined, undefined, 'anon', 'broker:connect-no-credentials'],
      ['VAN-70', secrets['VAN-70'], 'VAN-70', 'broker:connect-revoked'],
      [FUZZER, secrets[FUZZER], 'givre-ingest', 'broker:connect-client-id'],
      ['givre-service', 'not-it', 'givre-x', 'broker:connect-wrong-secret'],
    ];
    for (let i = 0; i < 120; i++) {
      const [username, password, clientId, outcome] = attempts[
        i % attempts.length
      ] as (typeof attempts)[number];
      await expect(connect(system.mqttUrl, username, password, clientId)).rejects.toThrow();
      tally(expected, outcome);
    }

    // Every bad message shows up, exactly, under its reason; accepted ones as messages.
    const delta = (after: Map<string, number>, name: string) =>
      (after.get(name) ?? 0) - (before.get(name) ?? 0);
    const counted = (after: Map<string, number>) => {
      const got = new Map<string, number>();
      for (const key of expected.keys()) {
        const [where, reason] = key.split(':') as [string, string];
        const name =
          where === 'broker'
            ? `givre_broker_refused_total{reason="${reason}"}`
            : where === 'ingest'
              ? `givre_ingest_rejected_total{reason="${reason}"}`
              : null;
        if (name) got.set(key, delta(after, name));
      }
      return got;
    };
    const bad = [...expected].filter(([key]) => !key.startsWith('accepted:'));
    const badTotal = bad.reduce((sum, [, n]) => sum + n, 0);
    expect(badTotal).toBeGreaterThanOrEqual(MESSAGES * 0.9);
    await waitFor(
      async () => {
        const got = counted(await metrics());
        return bad.every(([key, n]) => got.get(key) === n);
      },
      { what: 'every bad message counted', timeoutMs: 30_000 },
    ).catch(async (err: Error) => {
      expect(Object.fromEntries(counted(await metrics()))).toEqual(Object.fromEntries(bad));
      throw err;
    });
    const after = await metrics();
    const refusedTotal = [...after]
      .filter(([k]) => k.startsWith('givre_broker_refused_total'))
      .reduce((s, [k, v]) => s + v - (before.get(k) ?? 0), 0);
    const rejectedTotal = [...after]
      .filter(([k]) => k.startsWith('givre_ingest_rejected_total'))
      .reduce((s, [k, v]) => s + v - (before.get(k) ?? 0), 0);
    expect(refusedTotal + rejectedTotal).toBe(badTotal); // nothing counted twice, nothing else refused

    // The valid van: stop it, then every reading the broker passed on is stored, none lost.
    await van.stop();
    expect(van.stats().dropped).toBe(0);
    expect(observed.seqs.size).toBeGreaterThan(100);
    const all = async () =>
      (await system.store.readings('VAN-01', 0, Date.UTC(2100, 0, 1))).map((r) => r.seq);
    await waitFor(async () => (await all()).length === observed.seqs.size, { what: 'VAN-01 fully stored' });
    expect(new Set(await all())).toEqual(observed.seqs);
    await waitFor(
      async () =>
        delta(await metrics(), 'givre_ingest_messages_total{channel="telemetry"}') ===
        observed.telemetry + (expected.get('accepted:telemetry') ?? 0),
      { what: 'every valid message handled' },
    );
    expect(await system.store.count({ van: FUZZER })).toBe(acceptedSeqs.size);
    expect((await fetch(`${system.baseUrl}/healthz`)).status).toBe(200);
    expect((await metrics()).get('givre_ingest_connected')).toBe(1);
  });
});
