import type { AuditAction, AuditEntry } from '../core/api/audit.ts';
import type { StateDb } from './state-db.ts';

/** The actions and the entry are declared in core/api/audit.ts, which the admin page reads too. */
export type { AuditAction, AuditEntry } from '../core/api/audit.ts';

/** Written by the dashboard (what people do there) and the CLI (`givre user`, `givre device`). */
export interface AuditLog {
  record(entry: Omit<AuditEntry, 'seq'>): void;
  /** Newest first. */
  list(filter: { limit: number; before?: number; actor?: string; action?: AuditAction }): AuditEntry[];
}

interface Row {
  seq: number;
  at: number;
  actor: string;
  action: AuditAction;
  target: string | null;
  details: string;
}

/** Append-only: there is no update or delete, so the log is a record an admin can trust. */
export function createAuditLog(db: StateDb): AuditLog {
  const insert = db.prepare(
    'INSERT INTO audit_log (at, actor, action, target, details) VALUES (?, ?, ?, ?, ?)',
  );
  const select = db.prepare<
    [number, string | null, string | null, string | null, string | null, number],
    Row
  >(`
    SELECT * FROM audit_log
    WHERE seq < ? AND (? IS NULL OR actor = ?) AND (? IS NULL OR action = ?)
    ORDER BY seq DESC LIMIT ?`);
  return {
    record(e) {
      insert.run(e.at, e.actor, e.action, e.target, JSON.stringify(e.details));
    },
    list(f) {
      const actor = f.actor ?? null;
      const action = f.action ?? null;
      return select
        .all(f.before ?? Number.MAX_SAFE_INTEGER, actor, actor, action, action, f.limit)
        .map((row) => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> }));
    },
  };
}
