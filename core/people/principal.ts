import { z } from 'zod';
import { VanId } from '../ids.ts';
import { PartyId } from '../loads/load.ts';

/** Issue 4, people: what each role may do is decided in `authz.ts`, nowhere else. */
export const Role = z.enum(['admin', 'coordinator', 'driver', 'association']);
export type Role = z.infer<typeof Role>;

/** Lower-case login names: no look-alike duplicates such as `Marie` and `marie`. */
export const Username = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'username: 2–64 lower-case letters, digits, . _ -');

/** A person as the dashboard sees them once signed in (and as `GET /api/session` tells the page). */
export const Principal = z.strictObject({
  username: z.string(),
  role: Role,
  /** Drivers: the vans they are bound to; empty for other roles. */
  vans: z.array(z.string()).readonly(),
  /** Association users: the association (loads' `recipient.id`) they belong to; else null. */
  association: z.string().nullable(),
});
export type Principal = z.infer<typeof Principal>;

/** A person as a request or a socket carries them: `open` on a dashboard without users. */
export type RequestPrincipal = Principal & { open?: true };

/**
 * What `givre user add` and the admin API accept: a driver is bound to one or more vans, an
 * association user to exactly one association, and nobody else carries either.
 */
export const UserBinding = z
  .strictObject({
    role: Role,
    vans: z.array(VanId).max(100).default([]),
    association: PartyId.nullable().default(null),
  })
  .superRefine((u, ctx) => {
    if (u.role === 'driver' && u.vans.length === 0)
      ctx.addIssue({ code: 'custom', path: ['vans'], message: 'a driver is bound to at least one van' });
    if (u.role !== 'driver' && u.vans.length > 0)
      ctx.addIssue({ code: 'custom', path: ['vans'], message: 'only drivers are bound to vans' });
    if (u.role === 'association' && u.association === null)
      ctx.addIssue({
        code: 'custom',
        path: ['association'],
        message: 'an association user needs --association',
      });
    if (u.role !== 'association' && u.association !== null)
      ctx.addIssue({
        code: 'custom',
        path: ['association'],
        message: 'only association users have an association',
      });
  });
export type UserBinding = z.infer<typeof UserBinding>;
