import type { Principal } from './principal.ts';

/** The pages a person may find in the header (issue 12), by what they are for. */
export type PageId = 'fleet' | 'van' | 'alerts' | 'loads' | 'map' | 'association' | 'admin';

export interface NavLink {
  page: PageId;
  path: string;
  /** The van or association the link is about, when the page is one of several. */
  subject?: string;
}

/**
 * Where each role's work is, in the order the header shows it. Access itself is decided in
 * `authz.ts` and by the routes; this only says which pages to offer, so a person never sees a
 * link that would answer 404.
 * - coordinator and admin: the fleet, alerts, loads and the map (admin: administration too);
 * - driver: their van's page (each van when they have several) and its alerts;
 * - association: its own loads and certificates.
 */
export function navigationFor(user: Principal | undefined): NavLink[] {
  if (!user) return [];
  switch (user.role) {
    case 'admin':
    case 'coordinator':
      return [
        { page: 'fleet', path: '/' },
        { page: 'alerts', path: '/alerts' },
        { page: 'loads', path: '/loads' },
        { page: 'map', path: '/map' },
        ...(user.role === 'admin' ? [{ page: 'admin' as const, path: '/admin' }] : []),
      ];
    case 'driver':
      return [
        ...(user.vans.length > 1 ? [{ page: 'fleet' as const, path: '/' }] : []),
        ...user.vans.map((van) => ({
          page: 'van' as const,
          path: `/driver/${encodeURIComponent(van)}`,
          subject: van,
        })),
        { page: 'alerts', path: '/alerts' },
      ];
    case 'association':
      return user.association === null
        ? []
        : [
            {
              page: 'association',
              path: `/associations/${encodeURIComponent(user.association)}`,
              subject: user.association,
            },
          ];
  }
}

/**
 * Where a person lands after signing in (the site's root): a coordinator or an admin on the
 * fleet; a driver on their van (on the fleet, which lists only theirs, when they drive
 * several); an association on its loads and certificates. `null`: the root is their page.
 */
export function landingFor(user: Principal | undefined): string | null {
  if (!user) return null;
  if (user.role === 'driver' && user.vans.length === 1) return `/driver/${encodeURIComponent(user.vans[0]!)}`;
  if (user.role === 'association' && user.association !== null)
    return `/associations/${encodeURIComponent(user.association)}`;
  return null;
}
