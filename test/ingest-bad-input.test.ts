import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vanTopic } from '../core/topics.ts';
import { createSimulatedVan } from '../firmware-sim/simulated-van.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { mosquittoPub } from './harness/mosquitto-pub.ts';
import { temperatureBatch } from './harness/mqtt-client.ts';
import { waitFor } from './harness/wait-for.ts';

describe('mosquitto_pub against Givre’s broker', () => {
  let system: TestSystem;
  let van: ReturnType<typeof createSimulatedVan>;
  beforeAll(async () => {
    system = await startTestSystem();
    // A well-behaved van keeps publishing throughout: bad traffic must not disturb it.
    van = createSimulatedVan({
      van: 'VAN-01',
      url: system.mqttUrl,
      scenario: 'normal',
      seed: 1,
      speed: 300,
      intervalS: 30,
    });
    await van.start();
  });
  afterAll(async () => {
    await van?.stop();
    await system?.stop();
  });

  const port = () => system.mqttPort as number;
  const metric = async (name: string) => (await system.scrape()).get(name) ?? 0;

  it('stores a valid batch published by a client Givre did not write', async () => {
    const batch = temperatureBatch('VAN-21', 1, 3);
    const { code } = await mosquittoPub(port(), vanTopic('VAN-21', 'telemetry'), JSON.stringify(batch));
    expect(code).toBe(0);
    await waitFor(async () => (await system.store.count({ van: 'VAN-21' })) === 3, { what: 'VAN-21 stored' });
    expect(await system.store.readings('VAN-21', 0, Date.UTC(2100, 0, 1))).toEqual(batch.readings);
  });

  it.each([
    ['bad-json', 'VAN-22', '{"v":1,"van":"VAN-22","readings":['],
    [
      'schema',
      'VAN-22',
      JSON.stringify({ v: 1, van: 'VAN-22', readings: [{ seq: 1, kind: 'temperature', celsius: 'cold' }] }),
    ],
    [
      'schema',
      'VAN-22',
      JSON.stringify({
        ...temperatureBatch('VAN-22', 1),
        readings: [{ ...temperatureBatch('VAN-22', 1).readings[0], celsius: 1e6 }],
      }),
    ],
    ['van-mismatch', 'VAN-23', JSON.stringify(temperatureBatch('VAN-24', 1))],
  ])('rejects and counts %s, storing nothing of it', async (reason, topicVan, payload) => {
    const counter = `givre_ingest_rejected_total{reason="${reason}"}`;
    const before = await metric(counter);
    expect((await mosquittoPub(port(), vanTopic(topicVan, 'telemetry'), payload)).code).toBe(0);
    await waitFor(async () => (await metric(counter)) === before + 1, { what: `${reason} counted` });
    expect(await system.store.count({ van: 'VAN-22' })).toBe(0);
    expect(await system.store.count({ van: 'VAN-24' })).toBe(0);
  });

  it('refuses a 1 MiB payload at the broker and counts it', async () => {
    const before = await metric('givre_broker_refused_total{reason="publish-oversize"}');
    const big = Buffer.alloc(1024 * 1024, 'x');
    await mosquittoPub(port(), vanTopic('VAN-25', 'telemetry'), big);
    await waitFor(
      async () => (await metric('givre_broker_refused_total{reason="publish-oversize"}')) === before + 1,
      {
        what: 'oversize counted',
      },
    );
    expect(await system.store.count({ van: 'VAN-25' })).toBe(0);
  });

  it('keeps storing the good van’s readings after all that', async () => {
    const before = await system.store.count({ van: 'VAN-01' });
    await waitFor(async () => (await system.store.count({ van: 'VAN-01' })) > before + 10, {
      what: 'VAN-01 still being stored',
    });
    expect(await metric('givre_ingest_store_errors_total')).toBe(0);
  });
});
