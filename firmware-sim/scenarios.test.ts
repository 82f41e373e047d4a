import { afterEach, describe, expect, it } from 'vitest';
import { VanStatus } from '../core/messages.ts';
import type { DoorReading, Reading } from '../core/readings.ts';
import { chilledSeries, startTestVan, TEST_BOOT_MS } from './van-harness.ts';

type TestVan = Awaited<ReturnType<typeof startTestVan>>;
const running: TestVan[] = [];
async function play(scenario: string, minutes: number, seed = 1) {
  const v = await startTestVan({ scenario, seed });
  running.push(v);
  await v.run(minutes);
  return v;
}
afterEach(async () => {
  for (const v of running.splice(0)) await v.van.stop();
});

const minutesOf = (r: Reading) => (r.ts - TEST_BOOT_MS) / 60_000;

/** Longest stretch, in minutes, the chilled door was reported open. */
function longestChilledOpening(readings: Reading[]): number {
  const doors = readings.filter((r): r is DoorReading => r.kind === 'door' && r.compartment === 'chilled');
  let since: number | undefined;
  let longest = 0;
  for (const d of doors) {
    if (d.open && since === undefined) since = minutesOf(d);
    if (!d.open && since !== undefined) {
      longest = Math.max(longest, minutesOf(d) - since);
      since = undefined;
    }
  }
  return longest;
}

describe('scenarios', () => {
  it('normal: the chilled compartment stays cold apart from short door openings', async () => {
    const v = await play('normal', 180);
    const series = chilledSeries(v.readings());
    const median = series.map(([, c]) => c).sort((a, b) => a - b)[Math.floor(series.length / 2)]!;
    expect(median).toBeGreaterThan(1);
    expect(median).toBeLessThan(3.5);
    expect(longestChilledOpening(v.readings())).toBeLessThanOrEqual(5.1);
    expect(longestChilledOpening(v.readings())).toBeGreaterThanOrEqual(1);
  });

  it.each([1, 2, 3, 4, 5])(
    'normal (seed %i): over a whole night the frozen compartment never passes −15 °C, even through defrosts',
    async (seed) => {
      // 10 h covers the evening's stops and two defrost cycles (at 2 h and 6 h).
      const v = await play('normal', 600, seed);
      const frozen = v
        .readings()
        .filter((r) => r.kind === 'temperature' && r.compartment === 'frozen')
        .map((r) => (r.kind === 'temperature' ? r.celsius : NaN));
      expect(frozen.length).toBeGreaterThan(100);
      expect(Math.max(...frozen)).toBeLessThanOrEqual(-15);
      const defrosts = v.readings().filter((r) => r.kind === 'reefer' && r.state === 'defrost');
      expect(defrosts.length).toBeGreaterThan(0);
    },
  );

  it.each([1, 2, 3])(
    'reefer-failure (seed %i): chilled passes 7 °C within an hour of the failure at 20 min',
    async (seed) => {
      const v = await play('reefer-failure', 120, seed);
      const reefers = v.readings().filter((r) => r.kind === 'reefer' && r.compartment === 'chilled');
      const firstOff = reefers.find((r) => r.kind === 'reefer' && r.state === 'off')!;
      expect(minutesOf(firstOff)).toBe(20);
      // Sustained, not a door blip: every reading of the last 30 min is above 7 °C.
      const late = chilledSeries(v.readings()).filter(([m]) => m >= 90);
      for (const [, c] of late) expect(c).toBeGreaterThan(7);
      expect(late.length).toBeGreaterThan(0);
      const firstAbove = chilledSeries(v.readings()).find(([m, c]) => m > 20 && c > 7)!;
      expect(firstAbove[0]).toBeLessThan(80);
      expect(Math.max(...late.map(([, c]) => c))).toBeLessThan(15.5);
    },
  );

  it('door-left-open: the chilled door stays open ~30 min at one stop', async () => {
    const v = await play('door-left-open', 120);
    const longest = longestChilledOpening(v.readings());
    expect(longest).toBeGreaterThanOrEqual(29.5);
    expect(longest).toBeLessThan(31);
    const peak = Math.max(...chilledSeries(v.readings()).map(([, c]) => c));
    expect(peak).toBeGreaterThan(7);
  });

  it('sensor-dropout: no chilled temperature for 20 min, everything else still recorded', async () => {
    const v = await play('sensor-dropout', 60);
    const minutes = chilledSeries(v.readings()).map(([m]) => m);
    expect(minutes.filter((m) => m >= 20 && m < 40)).toEqual([]);
    expect(minutes.filter((m) => m < 20)).toHaveLength(40);
    expect(minutes.filter((m) => m >= 40)).toHaveLength(41);
    const frozen = v.readings().filter((r) => r.kind === 'temperature' && r.compartment === 'frozen');
    expect(frozen).toHaveLength(121);
    for (const b of v.batches()) expect(b.readings.some((r) => r.kind === 'door')).toBe(true);
  });

  it('network-outage: buffers 15 min offline, then forwards the backlog in order with original times and seqs', async () => {
    const v = await startTestVan({ scenario: 'network-outage' });
    running.push(v);
    await v.run(25);
    expect(v.van.stats().buffered).toBe(11 * 8); // recordings at 20:00, 20:30 … 25:00, 8 readings each
    const will = v.memory.sent.find((s) => s.will)!;
    expect(VanStatus.parse(JSON.parse(will.payload)).state).toBe('offline');
    const beforeBack = v.memory.sent.length;
    await v.run(20);
    expect(v.van.stats().buffered).toBe(0);

    const afterBack = v.memory.sent.slice(beforeBack);
    expect(VanStatus.parse(JSON.parse(afterBack[0]!.payload)).state).toBe('online');
    // Live, one recording (8 readings) per message; the outage's recordings (20:00 … 35:00,
    // 31 of them) in one message at the reconnection.
    const batches = v.batches();
    const recordingsIn = (b: (typeof batches)[number]) =>
      new Set(b.readings.filter((r) => (r.ts - TEST_BOOT_MS) % 30_000 === 0).map((r) => r.ts)).size;
    expect(batches.map(recordingsIn).filter((n) => n !== 1)).toEqual([31]);
    expect(batches).toHaveLength(91 - 31 + 1);
    const times = [...new Set(v.readings().map((r) => r.ts))].filter(
      (ts) => (ts - TEST_BOOT_MS) % 30_000 === 0,
    );
    expect(times).toEqual(Array.from({ length: 91 }, (_, k) => TEST_BOOT_MS + k * 30_000));
    v.readings().forEach((r, i) => expect(r.seq).toBe(1000 + i));
    expect(v.van.stats().published).toBe(61);
  });
});
