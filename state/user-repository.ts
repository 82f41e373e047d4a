import type { Role } from '../core/people/principal.ts';
import type { UserOrigin, UserSummary } from '../core/api/users.ts';
import type { StateDb } from './state-db.ts';

export type { UserOrigin, UserSummary } from '../core/api/users.ts';

export interface UserRecord {
  username: string;
  /** `scrypt$N$r$p$salt$hash` (broker/secret-hash.ts); the password itself is never stored. */
  passwordHash: string;
  role: Role;
  vans: string[];
  association: string | null;
  origin: UserOrigin;
  /** Wall time, ms. */
  createdAt: number;
  /** Wall time the user was disabled, ms; null while they may sign in. */
  disabledAt: number | null;
}

/** Written by `givre user`, the demo, and the dashboard's admin page. */
export interface UserRepository {
  get(username: string): UserRecord | undefined;
  list(): UserSummary[];
  /** Creates or replaces a user (a new password, role or binding), clearing any disabling. */
  put(user: Omit<UserRecord, 'disabledAt'>): void;
  /** False when unknown or already disabled. */
  disable(username: string, now: number): boolean;
  /** Lets a disabled user sign in again, with the password they had; false when unknown or not disabled. */
  enable(username: string): boolean;
  countActiveAdmins(): number;
}

interface Row {
  username: string;
  password_hash: string;
  role: Role;
  vans: string;
  association: string | null;
  origin: UserOrigin;
  created_at: number;
  disabled_at: number | null;
}

const toRecord = (row: Row): UserRecord => ({
  username: row.username,
  passwordHash: row.password_hash,
  role: row.role,
  vans: JSON.parse(row.vans) as string[],
  association: row.association,
  origin: row.origin,
  createdAt: row.created_at,
  disabledAt: row.disabled_at,
});

/** People who sign in to the dashboard (issue 4), in the state database. */
export function createUserRepository(db: StateDb): UserRepository {
  const byName = db.prepare<[string], Row>('SELECT * FROM users WHERE username = ?');
  const all = db.prepare<[], Row>('SELECT * FROM users ORDER BY username');
  const upsert = db.prepare(`
    INSERT INTO users (username, password_hash, role, vans, association, origin, created_at, disabled_at)
    VALUES (@username, @passwordHash, @role, @vans, @association, @origin, @createdAt, NULL)
    ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role,
      vans = excluded.vans, association = excluded.association, origin = excluded.origin,
      created_at = excluded.created_at, disabled_at = NULL`);
  const markDisabled = db.prepare(
    'UPDATE users SET disabled_at = ? WHERE username = ? AND disabled_at IS NULL',
  );
  const markEnabled = db.prepare(
    'UPDATE users SET disabled_at = NULL WHERE username = ? AND disabled_at IS NOT NULL',
  );
  const admins = db.prepare<[], { n: number }>(
    "SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL",
  );
  return {
    get(username) {
      const row = byName.get(username);
      return row ? toRecord(row) : undefined;
    },
    list: () =>
      all.all().map((row) => {
        const { passwordHash: _hidden, ...summary } = toRecord(row);
        return summary;
      }),
    put(user) {
      upsert.run({ ...user, vans: JSON.stringify(user.vans) });
    },
    disable: (username, now) => markDisabled.run(now, username).changes > 0,
    enable: (username) => markEnabled.run(username).changes > 0,
    countActiveAdmins: () => admins.get()?.n ?? 0,
  };
}
