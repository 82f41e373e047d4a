import { describe, expect, it } from 'vitest';
import { decodeOpsMessage } from './decode-ops.ts';
import { emptyVanState } from './van-state.ts';

const bytes = (value: unknown) =>
  new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
const MAX = 64 * 1024;
const at = Date.UTC(2026, 10, 26, 20, 0, 0);
const command = {
  v: 1,
  id: 'cmd-0123456789',
  replyTo: 'givre-dashboard-1',
  sentAt: at,
  command: { type: 'alert-ack', alertId: 'al-1', by: 'marie', reason: 'defrost' },
};
const episode = {
  id: 'al-1',
  van: 'VAN-01',
  compartment: 'chilled',
  kind: 'excursion',
  severity: 'critical',
  state: 'open',
  startedAt: at,
  detectedAt: at + 300_000,
  resolvedAt: null,
  limit: 7,
  peak: 9.1,
  acknowledgement: null,
  transitions: [{ to: 'open', at: at + 300_000 }],
};

describe('decodeOpsMessage (issue 9: the internal topics)', () => {
  it.each([
    ['givre/v1/ops/commands', command, 'commands'],
    ['givre/v1/ops/alerts', { v: 1, seq: 3, episode, transition: episode.transitions[0] }, 'alerts'],
    ['givre/v1/ops/fleet/VAN-01', { v: 1, state: emptyVanState('VAN-01') }, 'fleet'],
    [
      'givre/v1/ops/replies/givre-dashboard-1',
      { v: 1, id: 'cmd-0123456789', ok: true, result: {} },
      'replies',
    ],
    [
      'givre/v1/ops/loads',
      { v: 1, loadId: 'LD-ABC', van: 'VAN-01', recipient: 'resto', status: 'delivered', certificateId: null },
      'loads',
    ],
  ])('accepts a valid message on %s', (topic, message, kind) => {
    const result = decodeOpsMessage(topic, bytes(message), MAX);
    expect(result).toMatchObject({ ok: true, kind });
  });

  it.each([
    ['bad-topic', 'givre/v1/ops/nope', bytes(command)],
    ['bad-topic', 'givre/v1/ops/fleet/VAN-01/x', bytes(command)],
    ['bad-topic', 'givre/v1/ops/fleet/VAN+01', bytes(command)],
    ['bad-topic', 'givre/v1/vans/VAN-01/telemetry', bytes(command)],
    ['oversize', 'givre/v1/ops/commands', new Uint8Array(MAX + 1)],
    ['bad-json', 'givre/v1/ops/commands', bytes('{"v":1,')],
    ['schema', 'givre/v1/ops/commands', bytes({ ...command, extra: 1 })],
    [
      'schema',
      'givre/v1/ops/commands',
      bytes({ ...command, command: { ...command.command, type: 'drop-table' } }),
    ],
    ['schema', 'givre/v1/ops/commands', bytes({ ...command, id: 'short' })],
    [
      'schema',
      'givre/v1/ops/replies/givre-dashboard-1',
      bytes({ v: 1, id: 'x', ok: false, error: { code: 'boom', message: '' } }),
    ],
    ['van-mismatch', 'givre/v1/ops/fleet/VAN-02', bytes({ v: 1, state: emptyVanState('VAN-01') })],
  ])('refuses with reason %s: %s', (reason, topic, payload) => {
    const result = decodeOpsMessage(topic, payload, MAX);
    expect(result).toMatchObject({ ok: false, reason });
  });
});
