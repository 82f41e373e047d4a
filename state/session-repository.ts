import { createHash, randomBytes } from 'node:crypto';
import type { StateDb } from './state-db.ts';

export interface Session {
  username: string;
  /** Synchronizer token: sent back as `X-CSRF-Token` on every state-changing request. */
  csrfToken: string;
  /** Wall times, ms. */
  createdAt: number;
  lastSeenAt: number;
  /** `passwordStamp` of the password the person signed in with (issue 11, 5). */
  passwordStamp: string;
}

/** Sign-in sessions. Written by the dashboard only. */
export interface SessionRepository {
  /**
   * A new session; returns the id to put in the cookie (256 random bits, base64url).
   * `passwordStamp`: `passwordStamp(hash)` of the password just checked.
   */
  create(username: string, now: number, passwordStamp: string): { id: string; session: Session };
  /** The session if it exists and has not expired; refreshes its idle timer. */
  touch(id: string, now: number): Session | undefined;
  delete(id: string): void;
  /** Signs a user out everywhere (disabled, or a new password). */
  deleteForUser(username: string): void;
}

export interface SessionLimits {
  /** Idle time after which a session ends, ms. */
  idleMs: number;
  /** Longest life of a session whatever its use, ms. */
  absoluteMs: number;
}

/** 12 h idle covers a depot shift; a week at most, then sign in again. */
export const DEFAULT_SESSION_LIMITS: SessionLimits = { idleMs: 12 * 3_600_000, absoluteMs: 7 * 86_400_000 };

/** Only a SHA-256 of the cookie is stored: a copy of state.db does not let anyone sign in as someone. */
const digest = (id: string) => createHash('sha256').update(id).digest('base64url');

/**
 * What a session remembers of the password it was opened with: a digest of the stored hash
 * (which has its own random salt, so a new password always gives a new stamp). A session is
 * valid only while its stamp is the user's current one (issue 11, 5): replacing a password —
 * the demo re-issuing its users at each start, or any other path, in any process — ends every
 * session opened with the old one, without each writer having to remember to.
 */
export const passwordStamp = (passwordHash: string): string =>
  createHash('sha256').update(passwordHash).digest('base64url').slice(0, 22);

/** Writing `last_seen_at` at most this often, ms: a busy page should not write to SQLite on every request. */
const TOUCH_WRITE_MS = 60_000;

interface Row {
  username: string;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  password_stamp: string | null;
}

/** Server-side dashboard sessions (issue 4) in the state database. */
export function createSessionRepository(
  db: StateDb,
  limits: SessionLimits = DEFAULT_SESSION_LIMITS,
): SessionRepository {
  const insert = db.prepare(
    'INSERT INTO sessions (id_hash, username, csrf_token, created_at, last_seen_at, password_stamp) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const byId = db.prepare<[string], Row>('SELECT * FROM sessions WHERE id_hash = ?');
  const seen = db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?');
  const remove = db.prepare('DELETE FROM sessions WHERE id_hash = ?');
  const removeUser = db.prepare('DELETE FROM sessions WHERE username = ?');
  const purge = db.prepare('DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?');
  return {
    create(username, now, stamp) {
      // Expired rows go when someone signs in: no timer, and the table stays small.
      purge.run(now - limits.idleMs, now - limits.absoluteMs);
      const id = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(32).toString('base64url');
      insert.run(digest(id), username, csrfToken, now, now, stamp);
      return {
        id,
        session: { username, csrfToken, createdAt: now, lastSeenAt: now, passwordStamp: stamp },
      };
    },
    touch(id, now) {
      const key = digest(id);
      const row = byId.get(key);
      if (!row || row.password_stamp === null) return undefined;
      if (now - row.last_seen_at > limits.idleMs || now - row.created_at > limits.absoluteMs) {
        remove.run(key);
        return undefined;
      }
      if (now - row.last_seen_at >= TOUCH_WRITE_MS) seen.run(now, key);
      return {
        username: row.username,
        csrfToken: row.csrf_token,
        createdAt: row.created_at,
        lastSeenAt: now,
        passwordStamp: row.password_stamp,
      };
    },
    delete: (id) => void remove.run(digest(id)),
    deleteForUser: (username) => void removeUser.run(username),
  };
}
