import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AckMessage, TelemetryBatch, VanStatus } from '../core/messages.ts';
import { createSimulatedVan } from './simulated-van.ts';
import { receiptFor, startTestVan, TEST_BOOT_MS } from './van-harness.ts';

type TestVan = Awaited<ReturnType<typeof startTestVan>>;
const running: TestVan[] = [];
async function start(
  overrides: Parameters<typeof startTestVan>[0] = {},
  harness: Parameters<typeof startTestVan>[1] = {},
) {
  const v = await startTestVan(overrides, harness);
  running.push(v);
  return v;
}
afterEach(async () => {
  for (const v of running.splice(0)) await v.van.stop();
});

describe('simulated van', () => {
  it('publishes one contract-valid batch per recording, every 30 s of device time', async () => {
    const v = await start();
    await v.run(60);
    const raw = v.memory.sent.filter((s) => s.topic === 'givre/v1/vans/VAN-01/telemetry');
    expect(raw).toHaveLength(121); // at boot, then every 30 s for an hour
    for (const s of raw) expect(TelemetryBatch.safeParse(JSON.parse(s.payload)).success).toBe(true);
    const batches = v.batches();
    batches.forEach((b, k) => {
      const last = b.readings.at(-1)!;
      expect(last.ts).toBe(TEST_BOOT_MS + k * 30_000);
      const kinds = b.readings.filter((r) => r.ts === last.ts).map((r) => r.kind);
      expect(kinds.filter((kind) => kind === 'temperature')).toHaveLength(2);
      expect(kinds.filter((kind) => kind === 'door').length).toBeGreaterThanOrEqual(2);
      expect(kinds.filter((kind) => kind === 'reefer')).toHaveLength(2);
      expect(kinds).toContain('battery');
      expect(kinds).toContain('position');
    });
    expect(v.van.stats()).toMatchObject({ published: 121, buffered: 0, readings: v.readings().length });
  });

  it('numbers every reading +1, never reusing a seq, in time order', async () => {
    const v = await start();
    await v.run(120);
    const readings = v.readings();
    readings.forEach((r, i) => expect(r.seq).toBe(1000 + i));
    for (let i = 1; i < readings.length; i++)
      expect(readings[i]!.ts).toBeGreaterThanOrEqual(readings[i - 1]!.ts);
  });

  it('records temperatures at 0.1 °C resolution, with noise, around the setpoints', async () => {
    const v = await start();
    await v.run(30);
    const temps = v.readings().filter((r) => r.kind === 'temperature');
    for (const t of temps) expect(Math.round(t.celsius * 10) / 10).toBe(t.celsius);
    const chilled = temps.filter((t) => t.compartment === 'chilled').map((t) => t.celsius);
    expect(new Set(chilled).size).toBeGreaterThan(1);
    expect(temps.find((t) => t.compartment === 'frozen')?.sensor).toBe('VAN-01-T2');
    expect(temps.find((t) => t.compartment === 'chilled')?.sensor).toBe('VAN-01-T1');
  });

  it('replays the same night for the same seed, and another for another seed', async () => {
    const a = await start({ seed: 42 });
    const b = await start({ seed: 42 });
    const c = await start({ seed: 43 });
    await Promise.all([a.run(90), b.run(90), c.run(90)]);
    expect(b.batches()).toEqual(a.batches());
    expect(c.batches()).not.toEqual(a.batches());
  });

  it('runs device time `speed` times faster than wall time', async () => {
    const v = await start({ speed: 60, intervalS: 60 });
    await v.clock.advance(60_000); // one wall minute = one device hour
    const last = v.batches().at(-1)!;
    expect(last.readings.at(-1)!.ts).toBe(TEST_BOOT_MS + 3_600_000);
  });

  it('announces online (retained) on connect, offline (retained) on stop, and sets an offline will', async () => {
    const v = await start();
    const status = v.memory.sent.filter((s) => s.topic === 'givre/v1/vans/VAN-01/status');
    expect(status[0]!.retain).toBe(true);
    expect(VanStatus.parse(JSON.parse(status[0]!.payload))).toMatchObject({
      state: 'online',
      ts: TEST_BOOT_MS,
    });
    await v.van.stop();
    const last = v.memory.sent.at(-1)!;
    expect(last.retain).toBe(true);
    expect(VanStatus.parse(JSON.parse(last.payload)).state).toBe('offline');
  });

  it('shows valid alerts to the driver and ignores invalid ones', async () => {
    const alerts: string[] = [];
    const v = await start({ onAlert: (a) => alerts.push(a.id) });
    const topic = 'givre/v1/vans/VAN-01/alerts';
    expect(v.memory.subscriptions.has(topic)).toBe(true);
    const alert = {
      v: 1,
      id: 'a-1',
      van: 'VAN-01',
      compartment: 'chilled',
      kind: 'excursion',
      severity: 'critical',
      state: 'open',
      startedAt: TEST_BOOT_MS,
      detectedAt: TEST_BOOT_MS + 60_000,
    };
    v.memory.deliver(topic, JSON.stringify(alert));
    v.memory.deliver(topic, '{not json');
    v.memory.deliver(topic, JSON.stringify({ ...alert, id: 'a-2', kind: 'nonsense' }));
    v.memory.deliver(topic, JSON.stringify({ ...alert, id: 'a-3', van: 'VAN-02' }));
    expect(alerts).toEqual(['a-1']);
  });

  it('sends the driver’s acknowledgement as an AckMessage on its acks topic', async () => {
    const v = await start();
    await v.van.acknowledge('a-1', 'loading', 'déchargement en cours');
    const ack = v.memory.sent.find((s) => s.topic === 'givre/v1/vans/VAN-01/acks')!;
    expect(AckMessage.parse(JSON.parse(ack.payload))).toEqual({
      v: 1,
      van: 'VAN-01',
      alertId: 'a-1',
      reason: 'loading',
      text: 'déchargement en cours',
      ts: TEST_BOOT_MS,
    });
    await expect(v.van.acknowledge('a-1', 'bored' as 'other')).rejects.toThrow(/reason/);
  });

  it('keeps each reading until ingest’s receipt and, after a reconnect, sends the unreceipted again as they were', async () => {
    // Not `start`: its stop waits for receipts on a clock nobody moves.
    const v = await startTestVan({ receiptTimeoutS: 600 }, { receiptsFromIngest: false });
    expect(v.memory.subscriptions.has('givre/v1/vans/VAN-01/receipts')).toBe(true);
    await v.run(1);
    const [first, ...rest] = v.memory.sent.filter((s) => s.topic.endsWith('/telemetry'));
    expect(rest).toHaveLength(2);
    expect(v.van.stats().buffered).toBe(v.readings().length); // the broker has them all; ingest none yet
    v.memory.deliver('givre/v1/vans/VAN-01/receipts', receiptFor(first!.payload));
    const unreceipted = rest.flatMap((s) => TelemetryBatch.parse(JSON.parse(s.payload)).readings);
    expect(v.van.stats().buffered).toBe(unreceipted.length);
    v.memory.deliver('givre/v1/vans/VAN-01/receipts', '{"v":1,"van":"VAN-01","seqs":[[5,1]]}'); // ignored

    v.memory.link.cut();
    v.memory.link.restore();
    await v.clock.advance(0);
    expect(v.batches().at(-1)!.readings).toEqual(unreceipted);

    // At stop it waits for the receipts of what it holds, and goes once they came.
    let stopped = false;
    const stopping = v.van.stop().then(() => (stopped = true));
    await v.clock.advance(1_000);
    expect(stopped).toBe(false);
    v.memory.deliver('givre/v1/vans/VAN-01/receipts', receiptFor(v.memory.sent.at(-1)!.payload));
    await stopping;
    expect(v.van.stats().buffered).toBe(0);
  });

  it('at stop waits for receipts a bounded time only', async () => {
    const v = await startTestVan({ drainTimeoutMs: 2_000 }, { receiptsFromIngest: false });
    let stopped = false;
    const stopping = v.van.stop().then(() => (stopped = true));
    await v.clock.advance(1_999);
    expect(stopped).toBe(false);
    await v.clock.advance(1);
    await stopping;
    expect(v.van.stats().buffered).toBeGreaterThan(0);
  });

  it('without receipts, as a third-party recorder, forgets a reading at the PUBACK', async () => {
    const v = await start({ receipts: false }, { receiptsFromIngest: false });
    await v.run(1);
    expect(v.memory.subscriptions.has('givre/v1/vans/VAN-01/receipts')).toBe(false);
    expect(v.van.stats().buffered).toBe(0);
    v.memory.link.cut();
    v.memory.link.restore();
    await v.clock.advance(0);
    expect(v.batches()).toHaveLength(3);
  });

  it.each([
    [{ intervalS: 301 }, /intervalS=301 is invalid: expected at most 300 s/],
    [{ intervalS: 0 }, /intervalS/],
    [{ scenario: 'meltdown' }, /scenario="meltdown" is invalid: expected one of normal, reefer-failure/],
    [{ speed: 0 }, /speed/],
    [{ van: 'VAN/01' }, /van/],
  ])('refuses bad settings %o', (bad, message) => {
    const options = { van: 'VAN-01', url: 'mqtt://x', scenario: 'normal', seed: 1, speed: 1, intervalS: 30 };
    expect(() => createSimulatedVan({ ...options, ...bad })).toThrow(message);
  });

  it('with a backlog file, a van killed offline sends its backlog at the next start and numbers on without a jump', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'givre-van-backlog-'));
    try {
      const backlogFile = join(dir, 'VAN-01.outbox.jsonl');
      // Offline from 20 min: killed at 30 min without stop(), as by SIGKILL (a manual clock runs nothing more).
      const first = await startTestVan({ scenario: 'network-outage', backlogFile });
      await first.run(30);
      const unsent = first.van.stats().buffered;
      expect(unsent).toBeGreaterThan(0);

      const again = await start({ backlogFile, seqStart: undefined });
      await again.run(1);
      const seqs = [...first.readings(), ...again.readings()].map((r) => r.seq);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => 1000 + i));
      expect(again.batches()[0]!.readings.length).toBeGreaterThan(unsent); // backlog and the boot recording
      expect(again.van.stats().buffered).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('at its storage bound drops the oldest readings and declares them lost in the next batch', async () => {
    const v = await start({ scenario: 'network-outage', maxBacklogReadings: 40 });
    await v.run(45); // offline 20:00 … 35:00: 31 recordings of 8 or more readings, 40 kept
    const backlog = v.batches().find((b) => b.lost !== undefined)!;
    expect(backlog.readings).toHaveLength(40);
    const firstKept = backlog.readings[0]!.seq;
    const lastBefore = Math.max(
      ...v
        .readings()
        .filter((r) => r.seq < firstKept)
        .map((r) => r.seq),
    );
    expect(backlog.lost).toEqual([{ first: lastBefore + 1, last: firstKept - 1 }]);
    expect(v.van.stats().dropped).toBe(firstKept - lastBefore - 1);
    // Every seq is either delivered or declared lost, once.
    const seqs = v.readings().map((r) => r.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs.length + v.van.stats().dropped).toBe(Math.max(...seqs) - 1000 + 1);
  });
});
