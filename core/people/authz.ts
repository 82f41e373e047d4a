import type { Principal } from './principal.ts';

/**
 * The one authorization policy (issue 4), pure: `(user, action, resource) → allowed`. Every
 * HTTP route and socket.io event asks it; nothing else decides who sees what.
 *
 * - admin: everything, and alone manages users, devices and associations and reads the audit log;
 * - coordinator: the whole fleet, every load and certificate;
 * - driver: only the vans they are bound to — their state, history, alerts, loads;
 * - association: only the loads addressed to it (`recipient.id`) and their certificates.
 */
export type Action =
  | 'van:read'
  | 'alert:ack'
  | 'load:read'
  | 'load:write'
  | 'load:event'
  | 'load:declare-lost'
  | 'association:read'
  | 'profiles:read'
  | 'users:manage'
  | 'devices:manage'
  | 'associations:manage'
  | 'audit:read';

/** What an action is about: a van, a load (its van and recipient), or an association. */
export interface Resource {
  van?: string;
  recipient?: string;
  association?: string;
}

const fleetWide = (user: Principal) => user.role === 'admin' || user.role === 'coordinator';
const drives = (user: Principal, van: string | undefined) =>
  user.role === 'driver' && van !== undefined && user.vans.includes(van);
const receives = (user: Principal, recipient: string | undefined) =>
  user.role === 'association' && recipient !== undefined && user.association === recipient;

export function can(user: Principal, action: Action, resource: Resource = {}): boolean {
  switch (action) {
    case 'van:read':
    case 'alert:ack':
      return fleetWide(user) || drives(user, resource.van);
    case 'load:read':
      return fleetWide(user) || drives(user, resource.van) || receives(user, resource.recipient);
    case 'load:event':
      // Pickup and hand-over are marked by the van's driver (or the depot on their behalf).
      return fleetWide(user) || drives(user, resource.van);
    case 'load:write':
    case 'load:declare-lost':
      return fleetWide(user);
    case 'association:read':
      return fleetWide(user) || receives(user, resource.association);
    case 'profiles:read':
      return true;
    case 'users:manage':
    case 'devices:manage':
    case 'associations:manage':
    case 'audit:read':
      return user.role === 'admin';
  }
}

/** Whether the user sees every van (and so every van's live updates and alerts). */
export const seesWholeFleet = fleetWide;
