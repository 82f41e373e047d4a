import { describe, expect, it } from 'vitest';
import { can, type Action } from './authz.ts';
import type { Principal } from './principal.ts';

const admin: Principal = { username: 'ad', role: 'admin', vans: [], association: null };
const coordinator: Principal = { username: 'co', role: 'coordinator', vans: [], association: null };
const driver: Principal = { username: 'dr', role: 'driver', vans: ['VAN-01'], association: null };
const assoc: Principal = { username: 'as', role: 'association', vans: [], association: 'resto-mons' };

const load = (van: string, recipient: string) => ({ van, recipient });

describe('authz policy (issue 4)', () => {
  it.each<[string, Principal, Action, object, boolean]>([
    ['coordinator sees any van', coordinator, 'van:read', { van: 'VAN-09' }, true],
    ['driver sees a bound van', driver, 'van:read', { van: 'VAN-01' }, true],
    ['driver does not see another van', driver, 'van:read', { van: 'VAN-02' }, false],
    ['association sees no van', assoc, 'van:read', { van: 'VAN-01' }, false],
    ['driver acks on a bound van', driver, 'alert:ack', { van: 'VAN-01' }, true],
    ['driver cannot ack another van', driver, 'alert:ack', { van: 'VAN-02' }, false],
    ['association reads its own load', assoc, 'load:read', load('VAN-02', 'resto-mons'), true],
    ['association cannot read another’s load', assoc, 'load:read', load('VAN-02', 'other'), false],
    ['association cannot mark a load', assoc, 'load:event', load('VAN-02', 'resto-mons'), false],
    ['driver reads loads of a bound van', driver, 'load:read', load('VAN-01', 'x'), true],
    ['driver marks loads of a bound van', driver, 'load:event', load('VAN-01', 'x'), true],
    ['driver cannot create loads', driver, 'load:write', {}, false],
    ['coordinator creates loads', coordinator, 'load:write', {}, true],
    ['association reads its own page', assoc, 'association:read', { association: 'resto-mons' }, true],
    ['association cannot read another page', assoc, 'association:read', { association: 'x' }, false],
    ['only admin manages users', coordinator, 'users:manage', {}, false],
    ['admin manages users', admin, 'users:manage', {}, true],
    ['only admin manages devices', coordinator, 'devices:manage', {}, false],
    ['admin manages devices', admin, 'devices:manage', {}, true],
    ['only admin manages associations', coordinator, 'associations:manage', {}, false],
    ['admin manages associations', admin, 'associations:manage', {}, true],
    ['only admin reads the audit log', driver, 'audit:read', {}, false],
  ])('%s', (_name, user, action, resource, allowed) => {
    expect(can(user, action, resource)).toBe(allowed);
  });
});
