import {
  createAssociationRepository,
  type AssociationRepository,
} from '../../state/association-repository.ts';
import { createAuditLog, type AuditLog } from '../../state/audit-log.ts';
import { createSessionRepository, type SessionRepository } from '../../state/session-repository.ts';
import type { StateDb } from '../../state/state-db.ts';
import { createUserRepository, type UserRepository } from '../../state/user-repository.ts';
import {
  createLoginAttemptRepository,
  type LoginAttemptRepository,
} from '../../state/login-attempt-repository.ts';

/** People (issue 4): what the dashboard needs to sign people in, authorize and audit them. */
export interface AuthFeature {
  users: UserRepository;
  /** The associations an association user may be bound to (issue 12). */
  associations: AssociationRepository;
  sessions: SessionRepository;
  audit: AuditLog;
  /** Sign-in attempts per username and per client address, in the state store (issue 11, 1). */
  attempts: LoginAttemptRepository;
  /** Wall clock, ms. */
  now: () => number;
  /** Set the session cookie's `Secure` flag (the dashboard serves HTTPS). */
  secureCookies: boolean;
}

export function createAuthFeature(options: {
  stateDb: StateDb;
  secureCookies: boolean;
  now?: () => number;
}): AuthFeature {
  const now = options.now ?? (() => Date.now());
  return {
    users: createUserRepository(options.stateDb),
    associations: createAssociationRepository(options.stateDb),
    sessions: createSessionRepository(options.stateDb),
    audit: createAuditLog(options.stateDb),
    attempts: createLoginAttemptRepository(options.stateDb),
    now,
    secureCookies: options.secureCookies,
  };
}
