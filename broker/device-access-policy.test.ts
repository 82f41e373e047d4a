import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeviceRepository, type DeviceRepository } from '../state/device-repository.ts';
import { openStateDb, type StateDb } from '../state/state-db.ts';
import type { AccessPolicy, Identity } from './access-policy.ts';
import { createDeviceAccessPolicy } from './device-access-policy.ts';
import { DeviceError, issueDeviceSecret } from '../state/device-provisioning.ts';

const FAST = { N: 2 ** 10, r: 8, p: 1 };
const SERVICE = { username: 'givre-service', secret: 'service-secret-0123456789' };
const van1: Identity = { kind: 'van', van: 'VAN-01', credential: 'x' };
const service: Identity = { kind: 'service', name: 'givre-service' };

describe('device access policy (issue 4)', () => {
  let db: StateDb;
  let devices: DeviceRepository;
  let policy: AccessPolicy;
  let secret: string;
  const auth = (username: string | undefined, password: string | undefined, clientId = username ?? 'x') =>
    policy.authenticate(clientId, username, password === undefined ? undefined : Buffer.from(password));

  beforeEach(async () => {
    db = openStateDb(':memory:');
    devices = createDeviceRepository(db);
    policy = createDeviceAccessPolicy({ devices, service: SERVICE });
    secret = await issueDeviceSecret(devices, 'VAN-01', { mode: 'add', scrypt: FAST });
  });
  afterEach(() => db.close());

  it('accepts a van with its own secret, as VAN-01 or givre-VAN-01', async () => {
    expect(await auth('VAN-01', secret)).toMatchObject({ kind: 'van', van: 'VAN-01' });
    expect(await auth('VAN-01', secret, 'givre-VAN-01')).toMatchObject({ kind: 'van' });
  });

  // MQTT 3.1.1 §3.2.2.3: 2 identifier rejected, 4 bad user name or password, 5 not authorized.
  it.each([
    ['a wrong secret', 'VAN-01', 'wrong', 'VAN-01', 'bad-username-or-password', 'connect-wrong-secret'],
    ['no password', 'VAN-01', undefined, 'VAN-01', 'bad-username-or-password', 'connect-wrong-secret'],
    ['an unknown van', 'VAN-09', 'whatever', 'VAN-09', 'bad-username-or-password', 'connect-unknown-user'],
    ['a username that is no van id', 'a/b', 'x', 'a/b', 'bad-username-or-password', 'connect-unknown-user'],
    ['no credentials', undefined, undefined, 'anon', 'not-authorized', 'connect-no-credentials'],
    ['another client’s id', 'VAN-01', 'SECRET', 'givre-ingest', 'identifier-rejected', 'connect-client-id'],
    [
      'a wrong service secret',
      'givre-service',
      'nope',
      'givre-ingest',
      'bad-username-or-password',
      'connect-wrong-secret',
    ],
  ])('refuses %s', async (_what, username, password, clientId, code, reason) => {
    const result = await auth(username, password === 'SECRET' ? secret : password, clientId);
    expect(result).toEqual({ code, reason });
  });

  it('refuses a revoked van with "not authorized", and its old secret after a re-issue', async () => {
    const identity = await auth('VAN-01', secret);
    expect(policy.stillValid?.(identity as Identity)).toBe(true);
    devices.revoke('VAN-01', Date.now());
    expect(policy.stillValid?.(identity as Identity)).toBe(false);
    expect(await auth('VAN-01', secret)).toEqual({ code: 'not-authorized', reason: 'connect-revoked' });
    const next = await issueDeviceSecret(devices, 'VAN-01', { mode: 'add', scrypt: FAST });
    expect(await auth('VAN-01', secret)).toEqual({
      code: 'bad-username-or-password',
      reason: 'connect-wrong-secret',
    });
    expect(await auth('VAN-01', next)).toMatchObject({ kind: 'van' });
    expect(policy.stillValid?.(identity as Identity)).toBe(false);
  });

  it('tells the broker when credentials change', () => {
    let calls = 0;
    const stop = policy.onChange?.(() => calls++);
    devices.revoke('VAN-01', Date.now());
    stop?.();
    devices.revoke('VAN-01', Date.now());
    expect(calls).toBe(1);
  });

  it('accepts the service credential', async () => {
    expect(await auth('givre-service', SERVICE.secret, 'givre-ingest')).toEqual(service);
  });

  it.each([
    [van1, 'givre/v1/vans/VAN-01/telemetry', null],
    [van1, 'givre/v1/vans/VAN-01/status', null],
    [van1, 'givre/v1/vans/VAN-01/acks', null],
    [van1, 'givre/v1/vans/VAN-02/telemetry', 'publish-not-own-topic'],
    [van1, 'givre/v1/vans/VAN-01/alerts', 'publish-not-permitted'],
    [van1, 'givre/v1/vans/VAN-01/receipts', 'publish-not-permitted'],
    [van1, 'givre/v1/vans/VAN-01/telemetry/x', 'publish-not-permitted'],
    [van1, 'elsewhere', 'publish-not-permitted'],
    [service, 'givre/v1/vans/VAN-01/alerts', null],
    [service, 'givre/v1/vans/VAN-01/receipts', null],
    [service, 'givre/v1/vans/VAN-01/telemetry', 'publish-not-permitted'],
    // Issue 9: the internal namespace is the services' alone.
    [service, 'givre/v1/ops/alerts', null],
    [service, 'givre/v1/ops/commands', null],
    [service, 'givre/v1/opsx', 'publish-not-permitted'],
    [van1, 'givre/v1/ops/commands', 'publish-not-permitted'],
    [van1, 'givre/v1/ops/alerts', 'publish-not-permitted'],
    [van1, 'givre/v1/ops/fleet/VAN-01', 'publish-not-permitted'],
  ] as const)('publish %j to %s → %s', (identity, topic, expected) => {
    expect(policy.publishRefusal(identity, topic)).toBe(expected);
  });

  it.each([
    [van1, 'givre/v1/vans/VAN-01/alerts', null],
    [van1, 'givre/v1/vans/+/alerts', 'subscribe-not-own-topic'],
    [van1, 'givre/v1/vans/VAN-02/alerts', 'subscribe-not-own-topic'],
    // Issue 13: a van reads the receipts of its own readings, no other van's.
    [van1, 'givre/v1/vans/VAN-01/receipts', null],
    [van1, 'givre/v1/vans/VAN-02/receipts', 'subscribe-not-own-topic'],
    [van1, 'givre/v1/vans/+/receipts', 'subscribe-not-own-topic'],
    [van1, '#', 'subscribe-not-own-topic'],
    [service, 'givre/v1/vans/+/telemetry', null],
    [service, '#', 'subscribe-not-permitted'],
    [service, 'givre/v1/ops/commands', null],
    [service, 'givre/v1/ops/replies/givre-dashboard-1', null],
    [van1, 'givre/v1/ops/#', 'subscribe-not-own-topic'],
    [van1, 'givre/v1/ops/alerts', 'subscribe-not-own-topic'],
    [van1, 'givre/v1/ops/fleet/VAN-01', 'subscribe-not-own-topic'],
  ] as const)('subscribe %j to %s → %s', (identity, filter, expected) => {
    expect(policy.subscribeRefusal(identity, filter)).toBe(expected);
  });

  it('never replaces valid credentials silently, nor an administrator’s from the demo', async () => {
    await expect(issueDeviceSecret(devices, 'VAN-01', { mode: 'add', scrypt: FAST })).rejects.toThrow(
      DeviceError,
    );
    await expect(issueDeviceSecret(devices, 'VAN-01', { mode: 'demo', scrypt: FAST })).rejects.toThrow(
      /real device/,
    );
    const demo = await issueDeviceSecret(devices, 'VAN-02', { mode: 'demo', scrypt: FAST });
    expect(await issueDeviceSecret(devices, 'VAN-02', { mode: 'demo', scrypt: FAST })).not.toBe(demo);
    expect(devices.list().map((d) => [d.van, d.origin])).toEqual([
      ['VAN-01', 'cli'],
      ['VAN-02', 'demo'],
    ]);
    expect(JSON.stringify(devices.list())).not.toContain('scrypt');
  });
});
