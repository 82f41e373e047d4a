import { describe, expect, it } from 'vitest';
import { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';
import { createLogger } from '../platform/logger.ts';
import { MetricsRegistry } from '../platform/metrics.ts';
import { createMessageHandler } from './message-handler.ts';
import { openSqliteReadingStore } from '../store/sqlite-reading-store.ts';

const ts = Date.UTC(2026, 10, 26, 20, 0, 0);
const encode = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
const batch = (van: string, seq: number) => ({
  v: 1,
  van,
  readings: [{ seq, ts, kind: 'temperature', compartment: 'chilled', sensor: 'T1', celsius: 3 }],
});

function setup(now = () => ts) {
  const store = openSqliteReadingStore(':memory:');
  const bus = new EventBus<GivreEvents>();
  const metrics = new MetricsRegistry();
  const handle = createMessageHandler({
    store,
    bus,
    metrics,
    logger: createLogger({ level: 'silent' }),
    maxPayloadBytes: 4096,
    clockToleranceMs: 5 * 60_000,
    now,
  });
  return { store, bus, metrics, handle };
}

describe('ingest message handler', () => {
  it('stores good readings, counts bad ones by reason, and keeps going', async () => {
    const { store, metrics, handle } = setup();
    await handle('givre/v1/vans/VAN-01/telemetry', encode(batch('VAN-01', 1)));
    await handle('givre/v1/vans/VAN-01/telemetry', new TextEncoder().encode('not json'));
    await handle('givre/v1/vans/VAN-01/telemetry', encode({ v: 1, van: 'VAN-01' }));
    await handle('givre/v1/vans/VAN-02/telemetry', encode(batch('VAN-01', 2)));
    await handle('givre/v1/vans/VAN-01/telemetry', new Uint8Array(5000));
    await handle('givre/v1/vans/VAN-01/telemetry', encode(batch('VAN-01', 1)));
    await handle('givre/v1/vans/VAN-02/telemetry', encode(batch('VAN-02', 1)));
    expect(await store.count()).toBe(2);
    const rejected = (reason: string) => metrics.counter('givre_ingest_rejected_total', '').get({ reason });
    expect([
      rejected('bad-json'),
      rejected('schema'),
      rejected('van-mismatch'),
      rejected('oversize'),
    ]).toEqual([1, 1, 1, 1]);
    const readings = metrics.counter('givre_ingest_readings_total', '');
    expect(readings.get({ result: 'stored' })).toBe(2);
    expect(readings.get({ result: 'duplicate' })).toBe(1);
  });

  it('announces status and acknowledgements on the bus', async () => {
    const { bus, handle } = setup();
    const seen: string[] = [];
    bus.on('van-status', (s) => seen.push(`status:${s.state}`));
    bus.on('van-ack', (a) => seen.push(`ack:${a.reason}`));
    await handle('givre/v1/vans/VAN-01/status', encode({ v: 1, van: 'VAN-01', state: 'offline' }));
    await handle(
      'givre/v1/vans/VAN-01/acks',
      encode({ v: 1, van: 'VAN-01', alertId: 'x', reason: 'defrost', ts }),
    );
    expect(seen).toEqual(['status:offline', 'ack:defrost']);
  });

  it('rejects (so the message is not acknowledged) when the store fails', async () => {
    const { store, handle } = setup();
    await store.close();
    await expect(handle('givre/v1/vans/VAN-01/telemetry', encode(batch('VAN-01', 9)))).rejects.toThrow();
  });

  it('stores readings dated beyond the tolerance ahead of the server clock, and counts them (issue 13)', async () => {
    const { store, bus, metrics, handle } = setup(() => ts - 5 * 60_000 - 1);
    const arrivals: number[] = [];
    bus.on('readings-stored', (e) => arrivals.push(e.arrivedAt!));
    await handle('givre/v1/vans/VAN-01/telemetry', encode(batch('VAN-01', 1)));
    expect(await store.count()).toBe(1);
    expect(metrics.counter('givre_ingest_future_readings_total', '').get({})).toBe(1);
    expect(arrivals).toEqual([ts - 5 * 60_000 - 1]);
  });

  it('does not count a reading dated exactly the tolerance ahead', async () => {
    const { metrics, handle } = setup(() => ts - 5 * 60_000);
    await handle('givre/v1/vans/VAN-01/telemetry', encode(batch('VAN-01', 1)));
    expect(metrics.counter('givre_ingest_future_readings_total', '').get({})).toBe(0);
  });
});
