import { createHash, randomBytes } from 'node:crypto';
import type { StateDb } from './state-db.ts';

export interface Session {
  username: string;
  /** Synchronizer token: sent back as `X-CSRF-Token` on every state-changing request. */
  csrfToken: string;
  /** Wall times, ms. */
  createdAt: number;
  lastSeenAt: number;
}

/** Sign-in sessions. Written by the dashboard only. */
export interface SessionRepository {
  /** A new session; returns the id to put in the cookie (256 random bits, base64url). */
  create(username: string, now: number): { id: string; session: Session };
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

/** Writing `last_seen_at` at most this often, ms: a busy page should not write to SQLite on every request. */
const TOUCH_WRITE_MS = 60_000;

interface Row {
  username: string;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
}

/** Server-side dashboard sessions (issue 4) in the state database. */
export function createSessionRepository(
  db: StateDb,
  limits: SessionLimits = DEFAULT_SESSION_LIMITS,
): SessionRepository {
  db.exec(`
    CREATE TABLE IF NOT EXISTS sessions (
      id_hash TEXT PRIMARY KEY,
      username TEXT NOT NULL,
      csrf_token TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      last_seen_at INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS sessions_by_user ON sessions (username);
  `);
  const insert = db.prepare(
    'INSERT INTO sessions (id_hash, username, csrf_token, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)',
  );
  const byId = db.prepare<[string], Row>('SELECT * FROM sessions WHERE id_hash = ?');
  const seen = db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?');
  const remove = db.prepare('DELETE FROM sessions WHERE id_hash = ?');
  const removeUser = db.prepare('DELETE FROM sessions WHERE username = ?');
  const purge = db.prepare('DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?');
  return {
    create(username, now) {
      // Expired rows go when someone signs in: no timer, and the table stays small.
      purge.run(now - limits.idleMs, now - limits.absoluteMs);
      const id = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(32).toString('base64url');
      insert.run(digest(id), username, csrfToken, now, now);
      return { id, session: { username, csrfToken, createdAt: now, lastSeenAt: now } };
    },
    touch(id, now) {
      const key = digest(id);
      const row = byId.get(key);
      if (!row) return undefined;
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
      };
    },
    delete: (id) => void remove.run(digest(id)),
    deleteForUser: (username) => void removeUser.run(username),
  };
}
