import { TelemetryBatch } from '../core/messages.ts';
import type { Reading, TemperatureReading } from '../core/readings.ts';
import { createManualClock } from './manual-clock.ts';
import { createMemoryLink, type MemoryLink } from './memory-link.ts';
import { createSimulatedVan, type SimulatedVanOptions } from './simulated-van.ts';

/** Device time every unit test boots at: a November evening in Mons. */
export const TEST_BOOT_MS = Date.UTC(2026, 10, 26, 17, 0);

/**
 * A simulated van on a manual clock and an in-memory link, for unit tests: `run(minutes)`
 * plays that much device time without sleeping.
 */
export async function startTestVan(overrides: Partial<SimulatedVanOptions> = {}) {
  const clock = createManualClock(TEST_BOOT_MS);
  let memory: MemoryLink | undefined;
  const van = createSimulatedVan({
    van: 'VAN-01',
    url: 'mqtt://unused',
    scenario: 'normal',
    seed: 1,
    speed: 1,
    intervalS: 30,
    seqStart: 1000,
    clock,
    link: (will) => {
      memory = createMemoryLink(will);
      return memory.link;
    },
    ...overrides,
  });
  await van.start();
  const m = memory!;
  const batches = () =>
    m.sent
      .filter((s) => s.topic.endsWith('/telemetry'))
      .map((s) => TelemetryBatch.parse(JSON.parse(s.payload)));
  return {
    van,
    memory: m,
    clock,
    batches,
    readings: () => batches().flatMap((b) => b.readings),
    /** Plays `minutes` of device time (wall time divided by the van's speed). */
    run: (minutes: number) => clock.advance((minutes * 60_000) / (overrides.speed ?? 1)),
  };
}

/** Chilled temperatures as [minutes since boot, °C]. */
export function chilledSeries(readings: Reading[]): Array<[number, number]> {
  return readings
    .filter((r): r is TemperatureReading => r.kind === 'temperature' && r.compartment === 'chilled')
    .map((r) => [(r.ts - TEST_BOOT_MS) / 60_000, r.celsius]);
}
