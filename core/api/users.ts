import { z } from 'zod';
import { Role } from '../people/principal.ts';

/** Who created a user: an administrator (CLI or admin page) or the demo (`givre start --simulate`). */
export const UserOrigin = z.enum(['cli', 'admin', 'demo']);
export type UserOrigin = z.infer<typeof UserOrigin>;

/** A person as `GET /api/users` lists them: never their password's hash. */
export const UserSummary = z.strictObject({
  username: z.string(),
  role: Role,
  vans: z.array(z.string()),
  association: z.string().nullable(),
  origin: UserOrigin,
  /** Wall time, ms. */
  createdAt: z.number(),
  /** Wall time the user was disabled, ms; null while they may sign in. */
  disabledAt: z.number().nullable(),
});
export type UserSummary = z.infer<typeof UserSummary>;
export const UserList = z.array(UserSummary);

/** `POST /api/users`: the user, and their first password, shown this once. */
export const NewUserAnswer = z.strictObject({ user: UserSummary, password: z.string() });
export type NewUserAnswer = z.infer<typeof NewUserAnswer>;
