import { z } from 'zod';
import { Principal } from '../people/principal.ts';

/** `GET /api/session`: the person, and the CSRF token to send on every change (issue 4). */
export const SessionInfo = z.strictObject({
  user: Principal,
  /** Null on a dashboard without users. */
  csrfToken: z.string().nullable(),
  /** A dashboard without users (tests of other features): nobody signs in. */
  open: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;
