import { afterEach, describe, expect, it } from 'vitest';
import { createDeviceRepository } from './device-repository.ts';
import { openStateDb, type StateDb } from './state-db.ts';

describe('device repository: changes heard on the connection (issue 12)', () => {
  const dbs: StateDb[] = [];
  afterEach(() => {
    for (const db of dbs.splice(0)) db.close();
  });
  const open = () => {
    const db = openStateDb(':memory:');
    dbs.push(db);
    return db;
  };

  it('tells every repository of one connection, as the broker hears the admin page’s revocation in givre start', () => {
    const db = open();
    const brokers = createDeviceRepository(db);
    const dashboards = createDeviceRepository(db);
    const heard: string[] = [];
    const stop = brokers.onChange(() => heard.push('change'));
    dashboards.put('VAN-07', 'scrypt$x', 'admin', 10);
    expect(dashboards.revoke('VAN-07', 20)).toBe(true);
    expect(dashboards.revoke('VAN-07', 30)).toBe(false); // already revoked: no change
    expect(heard).toEqual(['change', 'change']);
    expect(brokers.get('VAN-07')).toMatchObject({ origin: 'admin', revokedAt: 20 });
    stop();
    dashboards.put('VAN-07', 'scrypt$y', 'admin', 40);
    expect(heard).toHaveLength(2);
  });

  it('does not tell repositories of another connection (those watch data_version instead)', () => {
    const heard: string[] = [];
    createDeviceRepository(open()).onChange(() => heard.push('change'));
    createDeviceRepository(open()).put('VAN-08', 'scrypt$x', 'cli', 10);
    expect(heard).toEqual([]);
  });
});
