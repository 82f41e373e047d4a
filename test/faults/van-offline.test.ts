import type { MqttClient } from 'mqtt';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_READINGS_PER_BATCH, TelemetryBatch } from '../../core/messages.ts';
import type { Reading } from '../../core/readings.ts';
import { vanTopic } from '../../core/topics.ts';
import { reportFault } from '../harness/fault-summary.ts';
import { startTestSystem, type TestSystem } from '../harness/givre.ts';
import { connectClient } from '../harness/mqtt-client.ts';
import { spawnGivre, type ServiceProcess } from '../harness/services.ts';
import { startTcpProxy, type TcpProxy } from '../harness/tcp-proxy.ts';
import { backlogReadings } from '../harness/van-backlog.ts';
import { waitFor } from '../harness/wait-for.ts';

const VAN = 'VAN-01';
const HOUR_MS = 3_600_000;
/** ×1200 with a recording every 10 s: one hour of the van's time in 3 s, 360 recordings. */
const SPEED = 1200;

const span = (readings: readonly Reading[]) =>
  readings.length === 0 ? 0 : Math.max(...readings.map((r) => r.ts)) - Math.min(...readings.map((r) => r.ts));

/**
 * Issue 13, fault 5: a van cut off from the broker for two hours of its time, its simulator
 * SIGKILLed and started again in the middle, then reconnected. A real `givre sim` process, the
 * system of `givre start` (embedded broker, ingest, SQLite), and a TCP relay cut like a lost
 * mobile network between them.
 */
describe('a van offline for two hours, its simulator killed meanwhile', () => {
  let system: TestSystem;
  let proxy: TcpProxy;
  let watcher: MqttClient;
  let stateDir: string;
  let sim: ServiceProcess | undefined;
  /** Every telemetry message the broker relayed: when, and its readings. */
  const messages: Array<{ phase: 'before' | 'offline' | 'after'; readings: Reading[] }> = [];
  let phase: 'before' | 'offline' | 'after' = 'before';

  beforeAll(async () => {
    system = await startTestSystem();
    const broker = new URL(system.mqttUrl);
    proxy = await startTcpProxy({ host: broker.hostname, port: Number(broker.port) });
    watcher = await connectClient(system.mqttUrl);
    watcher.on('message', (_topic, payload) => {
      messages.push({ phase, readings: TelemetryBatch.parse(JSON.parse(payload.toString())).readings });
    });
    await watcher.subscribeAsync(vanTopic(VAN, 'telemetry'), { qos: 1 });
    stateDir = mkdtempSync(join(tmpdir(), 'givre-van-offline-'));
  }, 30_000);

  afterAll(async () => {
    await sim?.kill('SIGKILL');
    await watcher?.endAsync(true);
    await proxy?.close();
    await system?.stop();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  const startSim = () =>
    spawnGivre(
      'sim',
      [
        'sim',
        '--vans',
        '1',
        '--url',
        proxy.url.replace('http://', 'mqtt://'),
        '--speed',
        String(SPEED),
        '--interval',
        '10',
        '--seed',
        '7',
        '--state-dir',
        stateDir,
      ],
      { GIVRE_DATA_DIR: stateDir, GIVRE_LOG_LEVEL: 'warn' },
    );

  it('stores every reading the van recorded, once, and the backlog came in large messages', async () => {
    const file = join(stateDir, `${VAN}.outbox.jsonl`);
    sim = startSim();
    await waitFor(async () => (await system.store.count({ van: VAN })) >= 100, {
      what: `the van's first readings stored: ${sim.output()}`,
    });

    phase = 'offline';
    proxy.cut();
    // First hour offline, in the first simulator process.
    await waitFor(() => span(backlogReadings(file)) >= HOUR_MS, { what: 'an hour recorded offline' });
    await sim.kill('SIGKILL');
    const beforeKill = backlogReadings(file);
    const lastSeqBeforeKill = Math.max(...beforeKill.map((r) => r.seq));

    // Second hour, in a new process that boots without network and finds the file.
    sim = startSim();
    await waitFor(() => span(backlogReadings(file).filter((r) => r.seq > lastSeqBeforeKill)) >= HOUR_MS, {
      what: `an hour recorded offline after the restart: ${sim.output()}`,
    });
    const backlogSeqs = new Set(backlogReadings(file).map((r) => r.seq));
    const backlog = backlogSeqs.size;
    expect(backlog).toBeGreaterThan(beforeKill.length);

    phase = 'after';
    const restoredAt = Date.now();
    proxy.restore();
    const stored = async () =>
      (await system.store.readings(VAN, 0, Number.MAX_SAFE_INTEGER)).map((r) => r.seq);
    await waitFor(
      async () => {
        const seqs = await stored();
        // Gone from the file once receipted; what the van recorded since may still await its receipt.
        return (
          seqs.includes(lastSeqBeforeKill) && backlogReadings(file).every((r) => !backlogSeqs.has(r.seq))
        );
      },
      { what: `the backlog forwarded: ${sim.output()}`, timeoutMs: 20_000 },
    );
    const recoveryMs = Date.now() - restoredAt;
    await sim.kill('SIGTERM');
    sim = undefined;

    const readings = await system.store.readings(VAN, 0, Number.MAX_SAFE_INTEGER);
    const seqs = readings.map((r) => r.seq).sort((a, b) => a - b);
    // Generated = every seq from the van's first to its last: it numbers each reading it
    // records by one, and the file carries its numbering across the SIGKILL.
    const first = seqs[0]!;
    const last = seqs.at(-1)!;
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs.length).toBe(last - first + 1);
    // Per sensor: one temperature per compartment sensor and one battery reading per recording.
    const perSensor = new Map<string, number>();
    for (const r of readings) {
      const key = r.kind === 'temperature' ? r.sensor : r.kind;
      perSensor.set(key, (perSensor.get(key) ?? 0) + 1);
    }
    const recordings = perSensor.get('battery')!;
    expect(recordings).toBeGreaterThan(2 * 360);
    for (const [sensor, n] of perSensor) if (sensor.includes('-T')) expect(n, sensor).toBe(recordings);

    // The backlog came in few messages of many readings, none over the contract's maximum
    // (one more than the minimum: the last of them carries recordings made meanwhile too).
    const after = messages.filter((m) => m.phase === 'after');
    expect(Math.max(...after.map((m) => m.readings.length))).toBe(MAX_READINGS_PER_BATCH);
    const backlogMessages = after.filter((m) => m.readings.some((r) => backlogSeqs.has(r.seq)));
    expect(backlogMessages.length).toBeLessThanOrEqual(Math.ceil(backlog / MAX_READINGS_PER_BATCH) + 1);
    const relayed = messages.flatMap((m) => m.readings.map((r) => r.seq));
    reportFault({
      fault: 'a van offline 2 h (simulated), its simulator SIGKILLed meanwhile',
      sent: last - first + 1,
      // Receipted: what its backlog file no longer holds.
      acknowledged: last - first + 1 - backlogReadings(file).length,
      stored: seqs.length,
      duplicated: relayed.length - new Set(relayed).size,
      longestRecoveryMs: recoveryMs,
      more: `backlog ${backlog} readings in ${backlogMessages.length} messages; recovery: network back → backlog stored`,
    });
  }, 60_000);
});
