import { createAuditLog, type AuditLog } from '../../state/audit-log.ts';
import { createSessionRepository, type SessionRepository } from '../../state/session-repository.ts';
import type { StateDb } from '../../state/state-db.ts';
import { createUserRepository, type UserRepository } from '../../state/user-repository.ts';
import {
  createLoginThrottle,
  DEFAULT_IP_THROTTLE,
  DEFAULT_THROTTLE,
  type LoginThrottle,
} from './login-throttle.ts';

/** People (issue 4): what the dashboard needs to sign people in, authorize and audit them. */
export interface AuthFeature {
  users: UserRepository;
  sessions: SessionRepository;
  audit: AuditLog;
  /** Failed sign-ins per username (login-throttle.ts). */
  userThrottle: LoginThrottle;
  /** Failed sign-ins per client address. */
  ipThrottle: LoginThrottle;
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
    sessions: createSessionRepository(options.stateDb),
    audit: createAuditLog(options.stateDb),
    userThrottle: createLoginThrottle({ ...DEFAULT_THROTTLE, now }),
    ipThrottle: createLoginThrottle({ ...DEFAULT_IP_THROTTLE, now }),
    now,
    secureCookies: options.secureCookies,
  };
}
