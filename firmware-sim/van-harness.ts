import { ReceiptMessage, TelemetryBatch, type ReceiptRange } from '../core/messages.ts';
import type { Reading, TemperatureReading } from '../core/readings.ts';
import { appendSeqs } from '../core/receipt-ranges.ts';
import { createManualClock } from './manual-clock.ts';
import { createMemoryLink, type MemoryLink } from './memory-link.ts';
import { createSimulatedVan, type SimulatedVanOptions } from './simulated-van.ts';
import type { VanLink } from './van-link.ts';

/** Device time every unit test boots at: a November evening in Mons. */
export const TEST_BOOT_MS = Date.UTC(2026, 10, 26, 17, 0);

/** Ingest's receipt for one telemetry payload, as it would publish it once the readings are stored. */
export function receiptFor(payload: string): string {
  const batch = TelemetryBatch.parse(JSON.parse(payload));
  const seqs: ReceiptRange[] = [];
  appendSeqs(seqs, batch.readings);
  return JSON.stringify(ReceiptMessage.parse({ v: 1, van: batch.van, seqs }));
}

/** `memory`'s link, answering every telemetry message with ingest's receipt, as if stored at once. */
export function answeringReceipts(memory: MemoryLink): VanLink {
  return {
    ...memory.link,
    async publish(topic, payload, options) {
      await memory.link.publish(topic, payload, options);
      if (topic.endsWith('/telemetry')) {
        queueMicrotask(() => memory.deliver(topic.replace(/telemetry$/, 'receipts'), receiptFor(payload)));
      }
    },
  };
}

/**
 * A simulated van on a manual clock and an in-memory link, for unit tests: `run(minutes)`
 * plays that much device time without sleeping. Unless `receiptsFromIngest` is false, the
 * link answers every telemetry message with ingest's receipt, as if stored at once.
 */
export async function startTestVan(
  overrides: Partial<SimulatedVanOptions> = {},
  { receiptsFromIngest = true }: { receiptsFromIngest?: boolean } = {},
) {
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
      return receiptsFromIngest ? answeringReceipts(memory) : memory.link;
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
