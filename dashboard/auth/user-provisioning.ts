import { randomBytes } from 'node:crypto';
import { hashSecret } from '../../platform/secret-hash.ts';
import { UserBinding, Username } from '../../core/people/principal.ts';
import { GivreError } from '../../platform/errors.ts';
import type { AssociationRepository } from '../../state/association-repository.ts';
import type { UserOrigin, UserRepository } from '../../state/user-repository.ts';
import { fieldError } from '../field-errors.ts';

/** Shortest password a person may choose; generated ones are longer. */
export const MIN_PASSWORD_LENGTH = 12;

/**
 * A generated password a person can type on a phone: 4 groups of 5 lower-case characters
 * from an alphabet without look-alikes (0/o, 1/l), 32 symbols (5 bits each): 100 bits.
 */
export function newPassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const chars = [...randomBytes(20)].map((b) => alphabet[b % 32] as string);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

export interface NewUser {
  username: string;
  role: string;
  vans?: string[];
  association?: string | null;
  /** Chosen password; generated when absent. */
  password?: string;
}

/**
 * Creates a user, validated by the contract's schemas, and returns the password to hand
 * over once. `replace`: the demo re-issues its users at each start; an administrator adding
 * an existing name gets a conflict instead of silently resetting someone's password.
 */
export async function provisionUser(
  users: UserRepository,
  input: NewUser,
  options: {
    origin: UserOrigin;
    now: number;
    replace?: boolean;
    /** Issue 12: an association user is bound to an association an administrator has recorded. */
    associations: Pick<AssociationRepository, 'get'>;
  },
): Promise<string> {
  const name = Username.safeParse(input.username);
  if (!name.success) throw new GivreError('GIVRE_ERR_BAD_REQUEST', name.error.issues[0]?.message);
  const binding = UserBinding.safeParse({
    role: input.role,
    vans: input.vans ?? [],
    association: input.association ?? null,
  });
  if (!binding.success) {
    const issue = binding.error.issues[0];
    throw new GivreError('GIVRE_ERR_BAD_REQUEST', `${issue?.path.join('.') || 'role'}: ${issue?.message}`);
  }
  const bound = binding.data.association;
  if (bound !== null) {
    const association = options.associations.get(bound);
    if (!association)
      throw fieldError('association', `unknown association ${bound}: add it first (Associations, on /admin)`);
    if (!association.active) throw fieldError('association', `association ${bound} is deactivated`);
  }
  if (input.password !== undefined && input.password.length < MIN_PASSWORD_LENGTH)
    throw new GivreError('GIVRE_ERR_BAD_REQUEST', `password: at least ${MIN_PASSWORD_LENGTH} characters`);
  if (!options.replace && users.get(name.data))
    throw new GivreError('GIVRE_ERR_CONFLICT', `user ${name.data} already exists`);
  const password = input.password ?? newPassword();
  users.put({
    username: name.data,
    passwordHash: await hashSecret(password),
    ...binding.data,
    origin: options.origin,
    createdAt: options.now,
  });
  return password;
}
