import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vanTopic } from '../core/topics.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { connectClient } from './harness/mqtt-client.ts';
import { waitFor } from './harness/wait-for.ts';

const T0 = Date.UTC(2026, 10, 26, 20, 0, 0);

describe('GET /api/vans/{van}/history', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
    const client = await connectClient(system.mqttUrl);
    // Ten minutes at one reading a minute: 2.0, 2.5 … 6.5 °C; the door opens at minute 3 for 2 min.
    const readings = [
      ...Array.from({ length: 10 }, (_, i) => ({
        seq: i + 1,
        ts: T0 + i * 60_000,
        kind: 'temperature',
        compartment: 'chilled',
        sensor: 'VAN-31-T1',
        celsius: 2 + i / 2,
      })),
      { seq: 11, ts: T0 + 3 * 60_000, kind: 'door', compartment: 'chilled', open: true },
      { seq: 12, ts: T0 + 5 * 60_000, kind: 'door', compartment: 'chilled', open: false },
    ];
    await client.publishAsync(
      vanTopic('VAN-31', 'telemetry'),
      JSON.stringify({ v: 1, van: 'VAN-31', readings }),
      {
        qos: 1,
      },
    );
    await client.endAsync();
    await waitFor(async () => (await system.store.count({ van: 'VAN-31' })) === 12, {
      what: 'readings stored',
    });
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('downsamples a compartment into min / mean / max buckets with its door events', async () => {
    const url = `${system.baseUrl}/api/vans/VAN-31/history?compartment=chilled&from=${T0}&to=${T0 + 600_000}&bucketMs=300000`;
    const response = await fetch(url);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      buckets: Array<{ start: number; min: number; mean: number; max: number; count: number }>;
      doors: Array<{ ts: number; open: boolean }>;
    };
    expect(body.buckets).toEqual([
      { start: T0, min: 2, mean: 3, max: 4, count: 5 },
      { start: T0 + 300_000, min: 4.5, mean: 5.5, max: 6.5, count: 5 },
    ]);
    expect(body.doors.map((d) => [d.ts - T0, d.open])).toEqual([
      [180_000, true],
      [300_000, false],
    ]);
  });

  it('gives each sensor its own buckets when asked bySensor, and keeps the old answer otherwise', async () => {
    const query = `compartment=chilled&from=${T0}&to=${T0 + 600_000}&bucketMs=300000`;
    const plain = (await (
      await fetch(`${system.baseUrl}/api/vans/VAN-31/history?${query}`)
    ).json()) as object;
    expect(plain).not.toHaveProperty('sensors');
    const response = await fetch(`${system.baseUrl}/api/vans/VAN-31/history?${query}&bySensor=true`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { sensors: Array<{ sensor: string; buckets: unknown[] }> };
    expect(body.sensors.map((s) => [s.sensor, s.buckets.length])).toEqual([['VAN-31-T1', 2]]);
  });

  it.each([
    ['from after to', `from=${T0 + 1000}&to=${T0}`],
    ['a missing range', 'compartment=chilled'],
    ['an unknown parameter', `from=${T0}&to=${T0 + 1000}&evil=1`],
    ['too many buckets', `from=${T0}&to=${T0 + 86_400_000}&bucketMs=1`],
  ])('refuses %s with a JSON error', async (_what, query) => {
    const response = await fetch(`${system.baseUrl}/api/vans/VAN-31/history?${query}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('GIVRE_ERR_BAD_REQUEST');
  });
});
