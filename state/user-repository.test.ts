import { afterEach, describe, expect, it } from 'vitest';
import { openStateDb, type StateDb } from './state-db.ts';
import { createUserRepository } from './user-repository.ts';

describe('user repository: disable and re-enable (issue 12)', () => {
  let db: StateDb;
  afterEach(() => db.close());

  it('re-enables a disabled user with the password hash they had, once', () => {
    db = openStateDb(':memory:');
    const users = createUserRepository(db);
    users.put({
      username: 'nina',
      passwordHash: 'scrypt$hash-of-nina',
      role: 'driver',
      vans: ['VAN-02'],
      association: null,
      origin: 'admin',
      createdAt: 1,
    });
    expect(users.enable('nina')).toBe(false); // not disabled
    expect(users.disable('nina', 5)).toBe(true);
    expect(users.get('nina')?.disabledAt).toBe(5);
    expect(users.enable('nina')).toBe(true);
    expect(users.get('nina')).toMatchObject({ disabledAt: null, passwordHash: 'scrypt$hash-of-nina' });
    expect(users.enable('nina')).toBe(false);
    expect(users.enable('nobody')).toBe(false);
  });
});
