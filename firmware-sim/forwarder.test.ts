import { describe, expect, it } from 'vitest';
import { TelemetryBatch } from '../core/messages.ts';
import type { Reading } from '../core/readings.ts';
import { createLogger } from '../platform/logger.ts';
import { createForwarder } from './forwarder.ts';
import { createManualClock } from './manual-clock.ts';
import { createMemoryLink } from './memory-link.ts';
import { openReadingBacklog } from './reading-backlog.ts';

const TOPIC = 'givre/v1/vans/VAN-01/telemetry';
const reading = (seq: number): Reading => ({
  kind: 'battery',
  percent: 90,
  seq,
  ts: 1_764_000_000_000 + seq,
});
const recording = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => reading(from + i));

/** A forwarder on an in-memory link and a manual clock; `sent()` lists the seqs of each telemetry message. */
function setup(receipts: boolean, maxReadingsPerMessage = 100) {
  const clock = createManualClock(1_795_000_000_000);
  const memory = createMemoryLink(() => ({ topic: 'givre/v1/vans/VAN-01/status', payload: 'offline' }));
  const backlog = openReadingBacklog({ maxReadings: 1_000 });
  const forwarder = createForwarder({
    van: 'VAN-01',
    telemetryTopic: TOPIC,
    backlog,
    capacity: 10,
    sendVia: () => (memory.link.connected() ? memory.link : undefined),
    log: createLogger({ level: 'error', component: 'test' }),
    maxReadingsPerMessage,
    ...(receipts ? { receipts: { timeoutMs: 30_000, clock } } : {}),
  });
  const sent = () =>
    memory.sent
      .filter((m) => m.topic === TOPIC)
      .map((m) => TelemetryBatch.parse(JSON.parse(m.payload)).readings.map((r) => r.seq));
  return { clock, memory, backlog, forwarder, sent };
}

describe('forwarder with ingest’s receipts (issue 13)', () => {
  it('forgets readings only at their receipt, not at the PUBACK', async () => {
    const { memory, forwarder, sent } = setup(true);
    await memory.link.open();
    forwarder.record(recording(1, 8));
    await forwarder.pump();
    expect(sent()).toEqual([[1, 2, 3, 4, 5, 6, 7, 8]]);
    expect(forwarder.buffered()).toBe(8);
    forwarder.receipt([[1, 3]]);
    expect(forwarder.buffered()).toBe(5);
    forwarder.receipt([[4, 8]]);
    expect(forwarder.buffered()).toBe(0);
  });

  it('sends again, oldest first with original timestamps, what has no receipt after the timeout; waits double while none comes', async () => {
    const { clock, memory, forwarder, sent } = setup(true, 5);
    await memory.link.open();
    forwarder.record(recording(1, 8));
    await forwarder.pump();
    await clock.advance(10_000);
    forwarder.record(recording(9, 10));
    await forwarder.pump();
    forwarder.receipt([[3, 4]]); // a partial receipt
    expect(sent()).toEqual([
      [1, 2, 3, 4, 5],
      [6, 7, 8],
      [9, 10],
    ]);

    await clock.advance(19_999);
    expect(sent()).toHaveLength(3);
    await clock.advance(1); // 30 s after the first PUBACK: what was sent then goes again, in batches
    expect(sent().slice(3)).toEqual([[1, 2, 5, 6, 7], [8]]);
    const again = memory.sent.filter((m) => m.topic === TOPIC).slice(3);
    expect(again.flatMap((m) => TelemetryBatch.parse(JSON.parse(m.payload)).readings)).toEqual(
      [1, 2, 5, 6, 7, 8].map(reading),
    );
    // VAN-01's 9–10 were sent 10 s later: their turn comes 10 s later, with the wait doubled to 60 s.
    await clock.advance(10_000);
    expect(sent().slice(5)).toEqual([]);
    await clock.advance(50_000);
    expect(sent().slice(5)).toEqual([[9, 10]]);
    // A receipt brings the wait back to 30 s.
    forwarder.receipt([[1, 2]]);
    await clock.advance(30_000);
    expect(sent().slice(6)).toEqual([[5, 6, 7, 8]]);
  });

  it('after a reconnect sends again everything awaiting a receipt, before anything newer', async () => {
    const { memory, forwarder, sent } = setup(true);
    await memory.link.open();
    forwarder.record(recording(1, 4));
    await forwarder.pump();
    memory.link.cut();
    forwarder.record(recording(5, 6));
    await forwarder.pump();
    memory.link.restore();
    await new Promise((r) => setImmediate(r));
    forwarder.reconnected();
    await forwarder.pump();
    expect(sent()).toEqual([
      [1, 2, 3, 4],
      [1, 2, 3, 4, 5, 6],
    ]);
    forwarder.receipt([[1, 6]]);
    expect(forwarder.buffered()).toBe(0);
  });

  it('at stop waits for the receipts of what it sent', async () => {
    const { memory, forwarder } = setup(true);
    await memory.link.open();
    forwarder.record(recording(1, 4));
    let drained = false;
    const drain = forwarder.drain().then(() => (drained = true));
    await new Promise((r) => setImmediate(r));
    expect(drained).toBe(false);
    forwarder.receipt([[1, 4]]);
    await drain;
    expect(forwarder.buffered()).toBe(0);
  });

  it('without receipts forgets a reading at the PUBACK, sends nothing again and ignores receipts', async () => {
    const { clock, memory, forwarder, sent } = setup(false);
    await memory.link.open();
    forwarder.record(recording(1, 4));
    await forwarder.pump();
    expect(forwarder.buffered()).toBe(0);
    forwarder.reconnected();
    await clock.advance(120_000);
    await forwarder.pump();
    expect(sent()).toEqual([[1, 2, 3, 4]]);
  });
});
