import { describe, expect, it } from 'vitest';
import { landingFor, navigationFor } from './navigation.ts';
import type { Principal } from './principal.ts';

const who = (role: Principal['role'], vans: string[] = [], association: string | null = null): Principal => ({
  username: 'x',
  role,
  vans,
  association,
});

describe('navigation by role (issue 12)', () => {
  it.each([
    {
      name: 'coordinator',
      user: who('coordinator'),
      landing: null,
      pages: ['fleet', 'alerts', 'loads', 'map'],
    },
    { name: 'admin', user: who('admin'), landing: null, pages: ['fleet', 'alerts', 'loads', 'map', 'admin'] },
    {
      name: 'driver of one van',
      user: who('driver', ['VAN-02']),
      landing: '/driver/VAN-02',
      pages: ['van', 'alerts'],
    },
    {
      name: 'driver of two vans',
      user: who('driver', ['VAN-01', 'VAN-02']),
      landing: null,
      pages: ['fleet', 'van', 'van', 'alerts'],
    },
    {
      name: 'association',
      user: who('association', [], 'resto-mons'),
      landing: '/associations/resto-mons',
      pages: ['association'],
    },
  ])('$name lands on $landing and is offered $pages', ({ user, landing, pages }) => {
    expect(landingFor(user)).toBe(landing);
    expect(navigationFor(user).map((l) => l.page)).toEqual(pages);
  });

  it('nobody signed in is offered nothing', () => {
    expect(navigationFor(undefined)).toEqual([]);
    expect(landingFor(undefined)).toBeNull();
  });
});
