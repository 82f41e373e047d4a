import { describe, expect, it } from 'vitest';
import { decodeVanMessage } from './decode.ts';

const bytes = (value: unknown) =>
  new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
const ts = Date.UTC(2026, 10, 26, 20, 0, 0);
const batch = {
  v: 1,
  van: 'VAN-01',
  readings: [
    { seq: 1, ts, kind: 'temperature', compartment: 'chilled', sensor: 'T1', celsius: 3.4 },
    { seq: 2, ts, kind: 'door', compartment: 'chilled', open: false },
    { seq: 3, ts, kind: 'battery', percent: 88 },
    { seq: 4, ts, kind: 'position', lat: 50.45, lon: 3.95 },
    { seq: 5, ts, kind: 'reefer', compartment: 'frozen', state: 'defrost', setpoint: -21 },
  ],
};

describe('decodeVanMessage', () => {
  it('accepts a valid telemetry batch with every reading kind', () => {
    const result = decodeVanMessage('givre/v1/vans/VAN-01/telemetry', bytes(batch));
    expect(result.ok).toBe(true);
    if (result.ok && result.channel === 'telemetry') expect(result.message.readings).toHaveLength(5);
  });

  it.each([
    ['bad-topic', 'givre/v1/vans/VAN-01/nope', bytes(batch)],
    ['bad-json', 'givre/v1/vans/VAN-01/telemetry', bytes('{"v":1,')],
    ['bad-json', 'givre/v1/vans/VAN-01/telemetry', new Uint8Array([0xff, 0xfe, 0x7b])],
    ['schema', 'givre/v1/vans/VAN-01/telemetry', bytes({ ...batch, readings: [] })],
    ['schema', 'givre/v1/vans/VAN-01/telemetry', bytes({ ...batch, extra: 1 })],
    [
      'schema',
      'givre/v1/vans/VAN-01/telemetry',
      bytes({
        ...batch,
        readings: [{ seq: 1, ts, kind: 'temperature', compartment: 'chilled', sensor: 'T1', celsius: 900 }],
      }),
    ],
    [
      'schema',
      'givre/v1/vans/VAN-01/telemetry',
      bytes({ ...batch, readings: [{ seq: 1, ts: 0, kind: 'battery', percent: 50 }] }),
    ],
    ['van-mismatch', 'givre/v1/vans/VAN-02/telemetry', bytes(batch)],
    ['not-inbound', 'givre/v1/vans/VAN-01/alerts', bytes({})],
    ['not-inbound', 'givre/v1/vans/VAN-01/receipts', bytes({})],
    ['oversize', 'givre/v1/vans/VAN-01/telemetry', new Uint8Array(1024 * 1024)],
  ])('rejects with reason %s', (reason, topic, payload) => {
    const result = decodeVanMessage(topic, payload);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe(reason);
      expect(result.detail.length).toBeLessThan(200);
    }
  });

  it('decodes the retained status and a driver acknowledgement', () => {
    expect(
      decodeVanMessage('givre/v1/vans/VAN-01/status', bytes({ v: 1, van: 'VAN-01', state: 'offline' })).ok,
    ).toBe(true);
    const ack = { v: 1, van: 'VAN-01', alertId: 'a1', reason: 'defrost', ts };
    expect(decodeVanMessage('givre/v1/vans/VAN-01/acks', bytes(ack)).ok).toBe(true);
  });
});
