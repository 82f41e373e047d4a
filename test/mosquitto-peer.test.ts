import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { vanTopic } from '../core/topics.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { startMosquitto, type Mosquitto } from './harness/mosquitto.ts';
import { mosquittoPub } from './harness/mosquitto-pub.ts';
import { waitFor } from './harness/wait-for.ts';

describe('Givre with a broker it did not write (Mosquitto 2)', () => {
  let mosquitto: Mosquitto;
  let system: TestSystem;
  let sim: ChildProcess | undefined;
  beforeAll(async () => {
    mosquitto = await startMosquitto();
    system = await startTestSystem({ embeddedBroker: false, env: { GIVRE_MQTT_URL: mosquitto.url } });
  });
  afterAll(async () => {
    if (sim && sim.exitCode === null) {
      const exited = new Promise((r) => sim!.once('exit', r));
      sim.kill('SIGTERM');
      await exited;
    }
    await system?.stop();
    await mosquitto?.stop();
  });

  it('`givre sim` publishes to Mosquitto and ingest, subscribed to Mosquitto, stores the readings', async () => {
    sim = spawn(
      process.execPath,
      [
        resolve('bin/givre.js'),
        'sim',
        '--vans',
        '2',
        '--url',
        mosquitto.url,
        '--speed',
        '300',
        '--interval',
        '30',
        '--seed',
        '5',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, GIVRE_LOG_LEVEL: 'warn' } },
    );
    await waitFor(
      async () =>
        (await system.store.count({ van: 'VAN-01', kind: 'temperature' })) >= 6 &&
        (await system.store.count({ van: 'VAN-02', kind: 'temperature' })) >= 6,
      { what: 'both simulated vans stored via Mosquitto', timeoutMs: 30_000 },
    );
    await waitFor(() => system.fleet.get('VAN-01')?.online === true, {
      what: 'VAN-01 online via retained status',
    });
  });

  it('a 1 MiB payload through Mosquitto is rejected by ingest as oversize and counted', async () => {
    const counter = 'givre_ingest_rejected_total{reason="oversize"}';
    const before = (await system.scrape()).get(counter) ?? 0;
    await mosquittoPub(mosquitto.port, vanTopic('VAN-09', 'telemetry'), Buffer.alloc(1024 * 1024, '{'));
    await waitFor(async () => ((await system.scrape()).get(counter) ?? 0) === before + 1, {
      what: 'oversize counted',
    });
    expect(await system.store.count({ van: 'VAN-09' })).toBe(0);
  });
});
