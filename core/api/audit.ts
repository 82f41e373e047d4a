import { z } from 'zod';

/**
 * Issue 4: what the audit log records — sign-ins, acknowledgements, load changes, user,
 * device and association changes, calibration records. Declared once here, where the admin page reads it too, so
 * that its words (dashboard/text, `admin.auditActions`) are a record over exactly these.
 */
export const AuditAction = z.enum([
  'login',
  'login-failed',
  'logout',
  'alert-ack',
  'load-create',
  'load-edit',
  'load-event',
  'gaps-declared-lost',
  'user-add',
  'user-disable',
  'user-enable',
  'device-add',
  'device-revoke',
  'association-add',
  'association-edit',
  'association-deactivate',
  'association-reactivate',
  'calibration-add',
]);
export type AuditAction = z.infer<typeof AuditAction>;

/** One entry of `GET /api/audit`, newest first. */
export const AuditEntry = z.strictObject({
  seq: z.number().int(),
  /** Wall time, ms. */
  at: z.number(),
  /** Username, `cli:{os user}` for the command line, or the name tried at a failed sign-in. */
  actor: z.string(),
  action: AuditAction,
  /** What it was done to: an alert, load, user, van or association id. */
  target: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditList = z.array(AuditEntry);
