import { describe, expect, it } from 'vitest';
import { decodeVanMessage, VAN_SCHEMAS } from './decode.ts';
import { AckMessage, TelemetryBatch, VanStatus } from './messages.ts';

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

describe('the compiled van schemas', () => {
  // decode.ts checks with z.compile's generated code; the runtime parser stays the contract.
  // Every change below, valid or not, must get the same verdict and the same first issue.
  const reading = (i: number) => structuredClone(batch.readings[i % batch.readings.length]!);
  const edges: Array<[string, unknown[]]> = [
    ['seq', [0, -1, 1.5, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, '7', null]],
    [
      'ts',
      [
        Date.UTC(2020, 0, 1),
        Date.UTC(2020, 0, 1) - 1,
        Date.UTC(2100, 0, 1),
        Date.UTC(2100, 0, 1) + 1,
        ts + 0.5,
      ],
    ],
    ['celsius', [-60, -60.0001, 80, 80.0001, Infinity, NaN, '3']],
    ['percent', [0, -0.1, 100, 100.1]],
    ['lat', [-90, -90.1, 90, 90.1]],
    ['lon', [-180, 180.5]],
    ['setpoint', [-40, -40.5, 30, 30.5]],
    ['open', [true, 'true', 0]],
    ['state', ['running', 'off', 'defrost', 'stuck']],
    ['kind', ['temperature', 'door', 'humidity', undefined]],
    ['compartment', ['frozen', 'Frozen', '', 'a'.repeat(32), 'a'.repeat(33), 'x/y', 'chilled\n']],
    ['sensor', ['T1', 'probe:rear.2', '-T1', 'a'.repeat(64), 'a'.repeat(65)]],
    ['extra', [1]],
  ];
  const cases: Array<{ name: string; value: unknown }> = [{ name: 'valid', value: batch }];
  for (const [key, values] of edges)
    for (const value of values)
      for (let i = 0; i < batch.readings.length; i++) {
        const r = reading(i) as Record<string, unknown>;
        if (value === undefined) delete r[key];
        else r[key] = value;
        cases.push({
          name: `reading ${i} ${key}=${String(value)}`,
          value: { ...batch, readings: [reading(0), r] },
        });
      }
  for (const [name, change] of [
    ['v 2', { v: 2 }],
    ['van id too long', { van: 'V'.repeat(33) }],
    ['van id with a slash', { van: 'VAN/01' }],
    ['no readings', { readings: [] }],
    ['5 000 readings', { readings: Array.from({ length: 5_000 }, (_, i) => ({ ...reading(2), seq: i })) }],
    ['5 001 readings', { readings: Array.from({ length: 5_001 }, (_, i) => ({ ...reading(2), seq: i })) }],
    ['readings not an array', { readings: reading(0) }],
    ['lost', { lost: [{ first: 1, last: 3 }] }],
    ['lost backwards', { lost: [{ first: 4, last: 3 }] }],
    ['lost empty', { lost: [] }],
    ['lost with an extra key', { lost: [{ first: 1, last: 3, why: 'full' }] }],
    ['lost 101 ranges', { lost: Array.from({ length: 101 }, (_, i) => ({ first: i, last: i })) }],
  ] as const)
    cases.push({ name, value: { ...batch, ...change } });
  cases.push(
    { name: 'an array', value: [batch] },
    { name: 'null', value: null },
    { name: 'a string', value: 'x' },
  );

  it('give the runtime parser’s verdict and first issue on every edge of the contract', () => {
    let refused = 0;
    for (const { name, value } of cases) {
      const compiled = VAN_SCHEMAS.telemetry.safeParse(value);
      const runtime = TelemetryBatch.safeParse(value);
      expect({ name, ok: compiled.success }).toEqual({ name, ok: runtime.success });
      expect({ name, ok: VAN_SCHEMAS.telemetry.validate(value) }).toEqual({ name, ok: runtime.success });
      if (runtime.success) expect(compiled.data).toEqual(runtime.data);
      else {
        refused++;
        expect({ name, issue: compiled.error?.issues[0] }).toEqual({ name, issue: runtime.error.issues[0] });
      }
    }
    // Both sides of the edges: most changes refused, the rest accepted.
    expect(refused).toBeGreaterThan(cases.length / 2);
    expect(refused).toBeLessThan(cases.length);
  });

  it('check the status and acknowledgement channels as their runtime schemas do', () => {
    const status = [{ v: 1, van: 'VAN-01', state: 'online', ts }, { v: 1, van: 'VAN-01', state: 'gone' }, {}];
    expect(status.map((value) => VAN_SCHEMAS.status.safeParse(value).success)).toEqual([true, false, false]);
    expect(status.map((value) => VanStatus.safeParse(value).success)).toEqual([true, false, false]);
    const ack = { v: 1, van: 'VAN-01', alertId: 'a1', reason: 'defrost', ts };
    const acks = [ack, { ...ack, reason: 'bored' }, { ...ack, ts: 3 }];
    expect(acks.map((value) => VAN_SCHEMAS.acks.safeParse(value).success)).toEqual([true, false, false]);
    expect(acks.map((value) => AckMessage.safeParse(value).success)).toEqual([true, false, false]);
  });
});
