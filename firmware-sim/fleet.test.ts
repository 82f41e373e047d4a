import { describe, expect, it } from 'vitest';
import { createFleet, fleetVanIds } from './fleet.ts';
import { createManualClock } from './manual-clock.ts';
import { createMemoryLink, type MemoryLink } from './memory-link.ts';
import { answeringReceipts, TEST_BOOT_MS } from './van-harness.ts';

const base = { url: 'mqtt://unused', speed: 1, seed: 5, intervalS: 30 };

describe('fleet', () => {
  it('names vans VAN-01 … VAN-NN', () => {
    expect(fleetVanIds(3)).toEqual(['VAN-01', 'VAN-02', 'VAN-03']);
    expect(fleetVanIds(120).at(-1)).toBe('VAN-120');
  });

  it('runs each van with its own scenario and seed, and stops them all', async () => {
    const clock = createManualClock(TEST_BOOT_MS);
    const links: MemoryLink[] = [];
    const fleet = createFleet({
      ...base,
      vans: 3,
      scenarios: { 'VAN-02': 'sensor-dropout' },
      clock,
      link: (will) => {
        const m = createMemoryLink(will);
        links.push(m);
        return answeringReceipts(m);
      },
    });
    await fleet.start();
    await clock.advance(30 * 60_000);
    expect(fleet.vans.map((v) => v.van)).toEqual(['VAN-01', 'VAN-02', 'VAN-03']);
    expect(fleet.stats()).toMatchObject({ published: 3 * 61, buffered: 0 });
    const payloads = links.map((l) =>
      l.sent.filter((s) => s.topic.endsWith('/telemetry')).map((s) => s.payload),
    );
    expect(payloads[0]).not.toEqual(payloads[2]); // different seeds
    expect(fleet.vans[1]!.stats().readings).toBeLessThan(fleet.vans[0]!.stats().readings);
    await fleet.stop();
    for (const l of links) expect(l.sent.at(-1)!.payload).toContain('"offline"');
  });

  it('refuses a scenario for a van outside the fleet, and an unknown scenario', () => {
    expect(() => createFleet({ ...base, vans: 2, scenarios: { 'VAN-07': 'normal' } })).toThrow(
      /VAN-07: no such van/,
    );
    expect(() => createFleet({ ...base, vans: 2, scenarios: { 'VAN-02': 'fire' } })).toThrow(
      /scenario="fire"/,
    );
    expect(() => createFleet({ ...base, vans: 0 })).toThrow(/vans=0/);
  });
});
