import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VanStatus } from '../../core/messages.ts';
import { vanTopic } from '../../core/topics.ts';
import { reportFault } from '../harness/fault-summary.ts';
import { scrapeMetrics } from '../harness/givre.ts';
import { followLiveAlerts } from '../harness/live-alerts.ts';
import { connectAsVan, connectClient } from '../harness/mqtt-client.ts';
import { addAndSignIn } from '../harness/people.ts';
import { spawnGivre, type ServiceExit, type ServiceProcess } from '../harness/services.ts';
import {
  addDevices,
  SERVICE_USERNAME,
  splitEnv,
  splitServices,
  type ServiceName,
  type SplitServices,
} from '../harness/split-deployment.ts';
import { storedReadings, type StoredReadings } from '../harness/stored-readings.ts';
import { missingReadings, streamVans, type VanStream } from '../harness/van-stream.ts';
import { waitFor } from '../harness/wait-for.ts';

/** Test vans streaming 10 readings every 100 ms each (200 readings/s), and one `givre sim` van. */
const VANS = ['VAN-01', 'VAN-02'] as const;
const SIM_VAN = 'VAN-03';
/** Issue 13: "on SIGTERM every service stops taking work, drains, flushes and closes within 10 s". */
const SHUTDOWN_LIMIT_MS = 10_000;

/** SIGTERM, then how the process ended and how long after the signal (ms). */
async function terminate(service: { kill(signal: NodeJS.Signals): Promise<ServiceExit> }) {
  const signalledAt = Date.now();
  const exit = await service.kill('SIGTERM');
  return { exit, elapsedMs: Date.now() - signalledAt, signalledAt };
}

/** The totals `givre sim` logs once stopped: readings the broker acknowledged, and recorded, in that run. */
function stopTotals(output: string): { readings: number; recorded: number } {
  const line = output.split('\n').findLast((l) => l.includes('[sim] stopped'));
  if (!line) throw new Error(`givre sim logged no totals at stop: ${output.slice(-2000)}`);
  return JSON.parse(line.slice(line.indexOf('{'))) as { readings: number; recorded: number };
}

/**
 * Issue 13, shutdown: each service run apart — `givre ingest` (SQLite), `givre dashboard`,
 * `givre sim` and `givre broker` — gets SIGTERM in the middle of a stream and exits with code
 * 0 within 10 s of the signal (the one timing the issue asks for); started again, every
 * reading generated until then reaches the store, and in the end every reading generated is
 * stored once, by van, sensor and seq. The broker is signalled while it holds readings it
 * acknowledged and ingest has not taken yet: what its shutdown must keep.
 */
describe('SIGTERM to each service run apart, under a stream (issue 13)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'givre-sigterm-'));
  const simDir = join(dataDir, 'sim');
  let env: Record<string, string>;
  let services: SplitServices;
  let stream: VanStream;
  let stored: StoredReadings;
  let auditor: MqttClient;
  let simCredentials = '';
  let sim: ServiceProcess | undefined;
  const clients = new Map<string, MqttClient>();
  /** The sim van's boots: the first seq each announced in its `online` status. */
  const simBoots: number[] = [];
  /** Every status the sim van published, and when the test saw it (ms). */
  const simStatuses: Array<{ state: string; at: number }> = [];
  const simStops: Array<{ readings: number; recorded: number }> = [];
  let longestRecoveryMs = 0;
  /** Readings ingest judged duplicates (redeliveries after a restart), summed over its processes. */
  let duplicated = 0;
  const duplicatesSoFar = async () =>
    (await scrapeMetrics(services.url('ingest'))).get('givre_ingest_readings_total{result="duplicate"}') ?? 0;
  const missing = () => missingReadings(stream.generated(), stored.seqs);

  const startSim = () =>
    spawnGivre(
      'sim',
      ['sim', '--credentials', simCredentials, '--speed', '60', '--interval', '5', '--state-dir', simDir],
      // Its stop logs its totals (info): what the broker acknowledged of what it recorded.
      { ...env, GIVRE_LOG_LEVEL: 'info' },
    );
  /**
   * SIGTERMs a service of the split and starts it again: it must have exited 0 within 10 s,
   * and once back (and `restarted` done) every reading the vans generated until then is stored.
   */
  const stopAndRestart = async (name: ServiceName, restarted = () => {}) => {
    if (name === 'ingest') duplicated += await duplicatesSoFar();
    const { exit, elapsedMs, signalledAt } = await terminate({ kill: (s) => services.kill(name, s) });
    expect(exit, services.process(name).output()).toEqual({ code: 0, signal: null });
    expect(elapsedMs).toBeLessThan(SHUTDOWN_LIMIT_MS);
    await services.start(name);
    restarted();
    const expected = stream.generated();
    await waitFor(async () => (await missingReadings(expected, stored.seqs)) === 0, {
      what: `every reading generated until ${name} was back to be stored`,
      timeoutMs: 30_000,
    });
    longestRecoveryMs = Math.max(longestRecoveryMs, Date.now() - signalledAt);
  };

  beforeAll(async () => {
    env = splitEnv(dataDir);
    const devices = await addDevices(env, VANS);
    simCredentials = (await addDevices(env, [SIM_VAN])).file;
    services = await splitServices(env, ['broker', 'ingest', 'dashboard']);
    for (const name of ['broker', 'ingest', 'dashboard'] as const) await services.start(name);
    stored = storedReadings(dataDir);
    // Vans and the auditor reconnect on their own, as firmware does, when the broker restarts.
    auditor = await connectClient(
      env.GIVRE_MQTT_URL!,
      'sigterm-auditor',
      { username: SERVICE_USERNAME, password: env.GIVRE_MQTT_PASSWORD! },
      { reconnectPeriod: 200 },
    );
    auditor.on('message', (_t, payload) => {
      const status = VanStatus.parse(JSON.parse(payload.toString()));
      simStatuses.push({ state: status.state, at: Date.now() });
      if (status.state === 'online' && status.bootSeq !== undefined && !simBoots.includes(status.bootSeq))
        simBoots.push(status.bootSeq);
    });
    await auditor.subscribeAsync(vanTopic(SIM_VAN, 'status'), { qos: 1 });
    for (const van of VANS)
      clients.set(
        van,
        await connectAsVan(env.GIVRE_MQTT_URL!, van, devices.secrets[van]!, { reconnectPeriod: 200 }),
      );
    stream = streamVans(clients, { readingsPerBatch: 10, tickMs: 100 });
    sim = startSim();
  }, 60_000);

  afterAll(async () => {
    await stream?.stop();
    await sim?.kill('SIGKILL');
    for (const client of clients.values()) await client.endAsync(true);
    await auditor?.endAsync(true);
    stored?.close();
    await services?.stopAll();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('givre ingest exits 0 within 10 s, and once restarted has every reading sent before', async () => {
    await waitFor(() => stored.count() > 1_000, { what: 'readings stored' });
    await stopAndRestart('ingest');
  });

  it('givre dashboard exits 0 within 10 s with a browser on its live channel, which reconnects to the new one', async () => {
    const coordinator = await addAndSignIn(services.url('dashboard'), env, 'coord', [
      '--role',
      'coordinator',
    ]);
    const live = await followLiveAlerts(services.url('dashboard'), coordinator.cookie);
    try {
      let reconnected = false;
      live.socket.io.once('reconnect', () => (reconnected = true));
      await stopAndRestart('dashboard');
      await waitFor(() => reconnected && live.socket.connected, { what: 'the browser to reconnect' });
    } finally {
      live.close();
    }
  });

  it('givre sim exits 0 within 10 s, its van announced offline, and restarted goes on numbering', async () => {
    await waitFor(() => simBoots.length === 1 && stored.seqs(SIM_VAN).length > 100, {
      what: `the sim van's readings stored: ${sim!.output()}`,
    });
    const { exit, elapsedMs, signalledAt } = await terminate(sim!);
    expect(exit, sim!.output()).toEqual({ code: 0, signal: null });
    expect(elapsedMs).toBeLessThan(SHUTDOWN_LIMIT_MS);
    simStops.push(stopTotals(sim!.output()));
    await waitFor(() => simStatuses.some((s) => s.state === 'offline' && s.at >= signalledAt), {
      what: 'the sim van’s offline status',
    });
    sim = startSim();
    await waitFor(() => simBoots.length === 2 && stored.seqs(SIM_VAN).some((s) => s >= simBoots[1]!), {
      what: `the restarted sim's readings stored: ${sim.output()}`,
    });
  });

  it('givre broker exits 0 within 10 s holding readings it acknowledged that ingest had not taken, and once back they are stored', async () => {
    // Ingest stalls (SIGSTOP): what the vans send meanwhile the broker acknowledges and holds
    // for ingest's persistent session, which is what the broker's shutdown must keep.
    const ingest = services.process('ingest');
    const before = stream.acknowledged;
    const stalledAt = Date.now();
    ingest.signal('SIGSTOP');
    try {
      await waitFor(() => stream.acknowledged >= before + 200, {
        what: 'the broker to acknowledge readings ingest has not taken',
      });
      await stopAndRestart('broker', () => ingest.signal('SIGCONT'));
    } finally {
      ingest.signal('SIGCONT');
    }
    // The sim van is back too (its own redial) before the next signal reaches it.
    await waitFor(() => simStatuses.some((s) => s.state === 'online' && s.at > stalledAt), {
      what: 'the sim van online again',
    });
  });

  it('in the end, every reading generated is stored once, by van, sensor and seq', async () => {
    await stream.stop();
    const { exit, elapsedMs } = await terminate(sim!);
    expect(exit, sim!.output()).toEqual({ code: 0, signal: null });
    expect(elapsedMs).toBeLessThan(SHUTDOWN_LIMIT_MS);
    simStops.push(stopTotals(sim!.output()));
    sim = undefined;
    expect(stream.failed).toBe(0);
    // Each run of the sim numbered from the seq it announced to where the next began; the
    // last run's end is what its state file says comes next.
    const { nextSeq } = JSON.parse(readFileSync(join(simDir, `${SIM_VAN}.seq.json`), 'utf8')) as {
      nextSeq: number;
    };
    const simGenerated = simBoots.flatMap((boot, i) =>
      Array.from({ length: (simBoots[i + 1] ?? nextSeq) - boot }, (_, k) => boot + k),
    );
    const expected = stream.generated();
    const settled = await waitFor(
      async () => (await missing()) === 0 && stored.seqs(SIM_VAN).length >= simGenerated.length,
      { what: 'every reading stored', timeoutMs: 30_000 },
    ).catch(() => false);
    const total = stored.count();
    duplicated += await duplicatesSoFar();
    reportFault({
      fault: 'SIGTERM to givre ingest, dashboard, sim and broker in turn, each restarted',
      sent: stream.sent + simGenerated.length,
      acknowledged: stream.acknowledged + simStops.reduce((n, s) => n + s.readings, 0),
      stored: total,
      duplicated,
      longestRecoveryMs,
      more: `${simBoots.length} sim runs; test vans' readings missing: ${await missing()}`,
    });
    expect(settled, 'every reading stored within 30 s').toBe(true);
    for (const { van, sensor, seqs } of expected)
      expect(stored.seqs(van, sensor), `${van} ${sensor}`).toEqual(seqs);
    expect(stored.seqs(SIM_VAN)).toEqual(simGenerated);
    expect(total).toBe(stream.sent + simGenerated.length);
  });
});
