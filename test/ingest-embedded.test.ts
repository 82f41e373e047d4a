import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vanTopic } from '../core/topics.ts';
import { TelemetryBatch } from '../core/messages.ts';
import { createSimulatedVan } from '../firmware-sim/simulated-van.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { connectClient, temperatureBatch } from './harness/mqtt-client.ts';
import { waitFor } from './harness/wait-for.ts';

describe('embedded defaults: aedes broker → ingest → SQLite', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('stores a simulated van’s readings with the device’s own timestamps', async () => {
    const observer = await connectClient(system.mqttUrl);
    const published: TelemetryBatch[] = [];
    observer.on('message', (_topic, payload) =>
      published.push(TelemetryBatch.parse(JSON.parse(payload.toString()))),
    );
    await observer.subscribeAsync(vanTopic('VAN-07', 'telemetry'), { qos: 1 });

    // 600× time: one 30 s recording interval every 50 ms of wall time, so device time runs ahead
    // of the server's clock — stored timestamps can only match if they come from the device.
    const van = createSimulatedVan({
      van: 'VAN-07',
      url: system.mqttUrl,
      scenario: 'normal',
      seed: 7,
      speed: 600,
      intervalS: 30,
    });
    await van.start();
    await waitFor(async () => (await system.store.count({ van: 'VAN-07', kind: 'temperature' })) >= 10, {
      what: '10 temperatures stored',
    });
    await van.stop();
    await observer.endAsync();

    const sent = published.flatMap((b) => b.readings);
    const bySeq = new Map(sent.map((r) => [r.seq, r]));
    const from = Math.min(...sent.map((r) => r.ts));
    const to = Math.max(...sent.map((r) => r.ts)) + 1;
    const stored = await system.store.readings('VAN-07', from, to);
    expect(stored.length).toBeGreaterThanOrEqual(10);
    for (const r of stored) expect(bySeq.get(r.seq)).toEqual(r);
    expect(Math.max(...stored.map((r) => r.ts))).toBeGreaterThan(Date.now() + 60_000);
  });

  it('stores a batch delivered twice only once', async () => {
    const client = await connectClient(system.mqttUrl);
    const batch = temperatureBatch('VAN-08', 100, 5);
    const before = (await system.scrape()).get('givre_ingest_readings_total{result="duplicate"}') ?? 0;
    await client.publishAsync(vanTopic('VAN-08', 'telemetry'), JSON.stringify(batch), { qos: 1 });
    await client.publishAsync(vanTopic('VAN-08', 'telemetry'), JSON.stringify(batch), { qos: 1 });
    await client.endAsync();
    await waitFor(
      async () =>
        (await system.scrape()).get('givre_ingest_readings_total{result="duplicate"}') === before + 5,
      {
        what: 'the replay to be counted as duplicates',
      },
    );
    expect(await system.store.count({ van: 'VAN-08' })).toBe(5);
  });

  it('serves the latest state of each van at /api/vans', async () => {
    // Ingest tells the dashboard through the broker (issue 9): within a moment, not at once.
    const vans = await waitFor(
      async () => {
        const listed = (await (await fetch(`${system.baseUrl}/api/vans`)).json()) as Array<{
          van: string;
          compartments: object;
        }>;
        const ids = listed.map((v) => v.van);
        return ids.includes('VAN-07') && ids.includes('VAN-08') ? listed : undefined;
      },
      { what: 'VAN-07 and VAN-08 at /api/vans', timeoutMs: 5_000 },
    );
    expect(vans.find((v) => v.van === 'VAN-08')?.compartments).toHaveProperty('chilled');
  });
});
