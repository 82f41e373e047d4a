import type { Request } from 'express';
import type { AuditAction } from '../../state/audit-log.ts';
import type { AuthFeature } from './auth-feature.ts';
import { principalOf } from './principal-of.ts';

/** Records what the signed-in person of `req` did (issue 4). A dashboard without users keeps no audit log. */
export type AuditTrail = (
  req: Request,
  action: AuditAction,
  target: string | null,
  details?: Record<string, unknown>,
) => void;

export function auditTrail(auth: AuthFeature | undefined): AuditTrail {
  if (!auth) return () => {};
  return (req, action, target, details = {}) =>
    auth.audit.record({ at: auth.now(), actor: principalOf(req).username, action, target, details });
}

export const NO_AUDIT: AuditTrail = () => {};
