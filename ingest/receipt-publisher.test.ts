import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReceiptMessage } from '../core/messages.ts';
import { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';
import { createLogger } from '../platform/logger.ts';
import { MetricsRegistry } from '../platform/metrics.ts';
import { openSqliteReadingStore } from '../store/sqlite-reading-store.ts';
import type { ReadingStore } from '../store/reading-store.ts';
import { createMessageHandler } from './message-handler.ts';
import { wholeHandler } from './group-runner.ts';
import { createReceiptPublisher } from './receipt-publisher.ts';

const ts = Date.UTC(2026, 10, 26, 20, 0, 0);
const encode = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
const telemetry = (van: string, seqs: number[]) =>
  encode({
    v: 1,
    van,
    readings: seqs.map((seq) => ({ seq, ts: ts + seq, kind: 'battery', percent: 80 })),
  });
const seqs = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The message handler on a real SQLite store, with the receipt publisher listening, as build-ingest wires them. */
function setup(store: ReadingStore = openSqliteReadingStore(':memory:')) {
  const bus = new EventBus<GivreEvents>();
  const metrics = new MetricsRegistry();
  const logger = createLogger({ level: 'silent' });
  const handleGroup = wholeHandler(
    createMessageHandler({
      store,
      bus,
      metrics,
      logger,
      maxPayloadBytes: 1 << 20,
      clockToleranceMs: 0,
    }),
  );
  // One message, a group of one: as ingest's MQTT subscription hands them over.
  const handle = (topic: string, payload: Uint8Array) => handleGroup([{ topic, payload }]);
  const receipts: Array<{ topic: string; message: ReceiptMessage }> = [];
  const publisher = createReceiptPublisher({
    bus,
    metrics,
    logger,
    intervalMs: 1_000,
    publisher: {
      publish: async (topic, payload) => {
        receipts.push({ topic, message: ReceiptMessage.parse(JSON.parse(payload)) });
      },
    },
  });
  void publisher.start();
  return { handle, receipts, stop: () => publisher.stop() };
}

describe('receipts of stored readings to the vans (issue 13)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('receipts a quiet van’s message at once, then what was stored each second, per van', async () => {
    const { handle, receipts } = setup();
    await handle('givre/v1/vans/VAN-01/telemetry', telemetry('VAN-01', seqs(1, 8)));
    expect(receipts).toEqual([
      { topic: 'givre/v1/vans/VAN-01/receipts', message: { v: 1, van: 'VAN-01', seqs: [[1, 8]] } },
    ]);
    await handle('givre/v1/vans/VAN-01/telemetry', telemetry('VAN-01', seqs(9, 16)));
    await handle('givre/v1/vans/VAN-01/telemetry', telemetry('VAN-01', [20, 17, 18]));
    await handle('givre/v1/vans/VAN-02/telemetry', telemetry('VAN-02', [5]));
    expect(receipts.map((r) => r.message.van)).toEqual(['VAN-01', 'VAN-02']); // VAN-02 waits for nobody
    vi.advanceTimersByTime(999);
    expect(receipts).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(receipts[2]!.message).toEqual({
      v: 1,
      van: 'VAN-01',
      seqs: [
        [9, 18],
        [20, 20],
      ],
    });
    vi.advanceTimersByTime(5_000);
    expect(receipts).toHaveLength(3); // nothing more stored, nothing more said
  });

  it('receipts a duplicate too: the van that sent it again must be able to forget it', async () => {
    const { handle, receipts } = setup();
    await handle('givre/v1/vans/VAN-01/telemetry', telemetry('VAN-01', seqs(1, 4)));
    vi.advanceTimersByTime(1_000);
    await handle('givre/v1/vans/VAN-01/telemetry', telemetry('VAN-01', seqs(1, 4)));
    expect(receipts.map((r) => r.message.seqs)).toEqual([[[1, 4]], [[1, 4]]]);
  });

  it('says nothing of readings the store refused, nor of a message that is not telemetry', async () => {
    const store = openSqliteReadingStore(':memory:');
    const failing: ReadingStore = { ...store, appendMany: () => Promise.reject(new Error('disk full')) };
    const { handle, receipts } = setup(failing);
    await expect(handle('givre/v1/vans/VAN-01/telemetry', telemetry('VAN-01', [1]))).rejects.toThrow();
    await handle('givre/v1/vans/VAN-01/telemetry', encode({ v: 1, van: 'VAN-01' }));
    await handle('givre/v1/vans/VAN-01/status', encode({ v: 1, van: 'VAN-01', state: 'online' }));
    vi.advanceTimersByTime(5_000);
    expect(receipts).toEqual([]);
  });

  it('stops listening at stop, and drops what was pending: the van sends it again', async () => {
    const { handle, receipts, stop } = setup();
    await handle('givre/v1/vans/VAN-01/telemetry', telemetry('VAN-01', [1]));
    await handle('givre/v1/vans/VAN-01/telemetry', telemetry('VAN-01', [2]));
    void stop();
    vi.advanceTimersByTime(5_000);
    await handle('givre/v1/vans/VAN-01/telemetry', telemetry('VAN-01', [3]));
    expect(receipts.map((r) => r.message.seqs)).toEqual([[[1, 1]]]);
  });
});
