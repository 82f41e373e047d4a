import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../core/api/audit.ts';
import type { DeviceSummary, NewDeviceAnswer } from '../core/api/devices.ts';
import type { ApiErrorBody } from '../core/api/api-error.ts';
import type { NewUserAnswer, UserSummary } from '../core/api/users.ts';
import { connackCode, connectAsVan } from './harness/mqtt-client.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { addUsers, login, signIn, type SignedInClient } from './harness/people.ts';

/**
 * Issue 12, administration through the API: devices as `givre device` manages them (the
 * broker, reading the same state store, takes a new van at once and drops a revoked one),
 * and users disabled then re-enabled; admins only, and every change in the audit log.
 */
describe('administration API: devices and re-enabled users', () => {
  let system: TestSystem;
  let ada: SignedInClient;
  let coco: SignedInClient;

  beforeAll(async () => {
    system = await startTestSystem({ auth: 'users', access: 'devices' });
    await addUsers(system, [
      { username: 'ada', role: 'admin' },
      { username: 'coco', role: 'coordinator' },
    ]);
    ada = await signIn(system.baseUrl, 'ada');
    coco = await signIn(system.baseUrl, 'coco');
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('lets only an admin list, add or revoke devices', async () => {
    expect((await coco.fetch('/api/devices')).status).toBe(403);
    expect((await coco.json('/api/devices', { van: 'VAN-66' })).status).toBe(403);
    expect((await coco.json('/api/devices/VAN-66/revoke', {})).status).toBe(403);
    expect(system.devices.get('VAN-66')).toBeUndefined();
  });

  it('adds a van whose secret connects at once, lists it without the secret, and revokes it: disconnected, then refused', async () => {
    const added = await ada.json<NewDeviceAnswer>('/api/devices', { van: 'VAN-07' });
    expect(added.status).toBe(201);
    expect(added.body.device).toMatchObject({ van: 'VAN-07', origin: 'admin', revokedAt: null });
    expect(added.body.secret.length).toBeGreaterThanOrEqual(32);

    const listed = await ada.json<DeviceSummary[]>('/api/devices');
    const text = JSON.stringify(listed.body);
    expect(text).not.toContain(added.body.secret);
    expect(text).not.toContain('scrypt');
    expect(listed.body.find((d) => d.van === 'VAN-07')).toMatchObject({ origin: 'admin', lastSeenAt: null });

    // No broker restart: it reads the devices table at every connection.
    const van = await connectAsVan(system.mqttUrl, 'VAN-07', added.body.secret);
    const closed = new Promise<void>((resolve) => van.once('close', () => resolve()));
    const revoked = await ada.json<DeviceSummary>('/api/devices/VAN-07/revoke', {});
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(Number));
    // Revoked on the page, in the broker's process: the open connection is closed too.
    await closed;
    van.end(true);
    expect(await connackCode(connectAsVan(system.mqttUrl, 'VAN-07', added.body.secret))).toBe(5);

    expect((await ada.json<ApiErrorBody>('/api/devices/VAN-07/revoke', {})).status).toBe(409);
    expect((await ada.json<ApiErrorBody>('/api/devices/VAN-99/revoke', {})).status).toBe(404);
    // Revoked credentials may be issued anew, with a new secret.
    const again = await ada.json<NewDeviceAnswer>('/api/devices', { van: 'VAN-07' });
    expect(again.status).toBe(201);
    expect(again.body.secret).not.toBe(added.body.secret);
    expect(await connackCode(connectAsVan(system.mqttUrl, 'VAN-07', added.body.secret))).toBe(4);
    expect(await connackCode(connectAsVan(system.mqttUrl, 'VAN-07', again.body.secret))).toBe(0);
  });

  it('refuses what the CLI refuses, naming the field: a bad or reserved id, a van that already has credentials', async () => {
    for (const van of ['VAN/1', 'givre-ingest', 'dashboard', '', 'x'.repeat(33)]) {
      const refused = await ada.json<ApiErrorBody>('/api/devices', { van });
      expect(refused.status, van).toBe(400);
      expect(refused.body.error, van).toMatchObject({ code: 'GIVRE_ERR_INVALID_FIELD', field: 'van' });
    }
    await ada.json('/api/devices', { van: 'VAN-08' });
    const twice = await ada.json<ApiErrorBody>('/api/devices', { van: 'VAN-08' });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({ code: 'GIVRE_ERR_CONFLICT', field: 'van' });
  });

  it('disables a user, who cannot sign in, and re-enables them, who can with the same password', async () => {
    const created = await ada.json<NewUserAnswer>('/api/users', {
      username: 'nina',
      role: 'driver',
      vans: ['VAN-08'],
    });
    expect(created.status).toBe(201);
    expect((await ada.json<ApiErrorBody>('/api/users/nina/enable', {})).status).toBe(404); // not disabled
    expect((await ada.json<UserSummary>('/api/users/nina/disable', {})).body.disabledAt).toEqual(
      expect.any(Number),
    );
    expect((await login(system.baseUrl, 'nina', created.body.password)).status).toBe(401);
    expect((await coco.json('/api/users/nina/enable', {})).status).toBe(403);
    const enabled = await ada.json<UserSummary>('/api/users/nina/enable', {});
    expect(enabled.status).toBe(200);
    expect(enabled.body.disabledAt).toBeNull();
    expect((await login(system.baseUrl, 'nina', created.body.password)).status).toBe(200);
    expect((await ada.json<ApiErrorBody>('/api/users/nobody/enable', {})).status).toBe(404);
    // An admin still cannot disable themselves.
    expect((await ada.json<ApiErrorBody>('/api/users/ada/disable', {})).status).toBe(409);
  });

  it('records every change in the audit log, by who made it', async () => {
    const log = (await ada.json<AuditEntry[]>('/api/audit?limit=1000')).body;
    const count = (action: string, target: string) =>
      log.filter((e) => e.action === action && e.actor === 'ada' && e.target === target).length;
    expect(count('device-add', 'VAN-07')).toBe(2);
    expect(count('device-revoke', 'VAN-07')).toBe(1);
    expect(count('device-add', 'VAN-08')).toBe(1);
    expect(count('user-disable', 'nina')).toBe(1);
    expect(count('user-enable', 'nina')).toBe(1);
    const onlyEnables = (await ada.json<AuditEntry[]>('/api/audit?action=user-enable')).body;
    expect(onlyEnables.map((e) => e.target)).toEqual(['nina']);
    expect((await ada.json('/api/audit?action=no-such-action')).status).toBe(400);
  });
});
