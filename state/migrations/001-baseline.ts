import { newCertificateToken } from '../certificate-repository.ts';
import type { Migration } from '../migrator.ts';
import type { StateDb } from '../state-db.ts';

/**
 * Every table the repositories created for themselves before the schema was versioned
 * (issue 13). `IF NOT EXISTS`, and the two columns added since by `ALTER TABLE`, because this
 * step also adopts a state.db written before versioning, whatever its age: what it has is
 * kept, what it lacks is added.
 */
export const baseline: Migration = {
  version: 1,
  name: 'baseline: the tables of issues 1 to 12',
  up(db) {
    db.exec(TABLES);
    // Issue 11: sessions of an older file have no password stamp, and are no longer valid.
    if (!hasColumn(db, 'sessions', 'password_stamp'))
      db.exec('ALTER TABLE sessions ADD COLUMN password_stamp TEXT');
    // Issue 10: certificates issued before QR tokens existed get one.
    if (!hasColumn(db, 'certificates', 'token')) {
      db.exec('ALTER TABLE certificates ADD COLUMN token TEXT');
      const set = db.prepare('UPDATE certificates SET token = ? WHERE id = ?');
      for (const { id } of db.prepare<[], { id: string }>('SELECT id FROM certificates').all())
        set.run(newCertificateToken(), id);
    }
    db.exec('CREATE UNIQUE INDEX IF NOT EXISTS certificates_token ON certificates (token)');
  },
};

function hasColumn(db: StateDb, table: string, column: string): boolean {
  return db
    .prepare<[], { name: string }>(`PRAGMA table_info(${table})`)
    .all()
    .some((c) => c.name === column);
}

const TABLES = `
  CREATE TABLE IF NOT EXISTS alerts (
    id TEXT PRIMARY KEY,
    van TEXT NOT NULL,
    compartment TEXT,
    kind TEXT NOT NULL,
    severity TEXT NOT NULL,
    state TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    episode TEXT NOT NULL,
    raised_at INTEGER NOT NULL,
    escalations INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX IF NOT EXISTS alerts_van_started ON alerts (van, started_at);
  CREATE INDEX IF NOT EXISTS alerts_state ON alerts (state);
  CREATE TABLE IF NOT EXISTS alert_transitions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    alert_id TEXT NOT NULL REFERENCES alerts (id),
    transition TEXT NOT NULL
  );

  CREATE TABLE IF NOT EXISTS loads (
    id TEXT PRIMARY KEY,
    van TEXT NOT NULL,
    compartment TEXT NOT NULL,
    recipient TEXT NOT NULL,
    status TEXT NOT NULL,
    profile TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    load TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS loads_recipient ON loads (recipient, created_at);
  CREATE INDEX IF NOT EXISTS loads_van_status ON loads (van, compartment, status);
  CREATE TABLE IF NOT EXISTS load_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    load_id TEXT NOT NULL REFERENCES loads (id),
    event TEXT NOT NULL
  );

  CREATE TABLE IF NOT EXISTS certificates (
    id TEXT PRIMARY KEY,
    load_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    issued_at INTEGER NOT NULL,
    provisional INTEGER NOT NULL,
    verdict TEXT NOT NULL,
    superseded_by TEXT,
    signed TEXT NOT NULL,
    UNIQUE (load_id, version)
  );
  CREATE INDEX IF NOT EXISTS certificates_provisional ON certificates (provisional, superseded_by);

  CREATE TABLE IF NOT EXISTS commands (
    id TEXT PRIMARY KEY,
    at INTEGER NOT NULL,
    state TEXT NOT NULL,
    message TEXT,
    reply TEXT
  );
  CREATE INDEX IF NOT EXISTS commands_state ON commands (state);

  CREATE TABLE IF NOT EXISTS van_states (
    van TEXT PRIMARY KEY,
    state TEXT NOT NULL
  );

  CREATE TABLE IF NOT EXISTS users (
    username TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    vans TEXT NOT NULL,
    association TEXT,
    origin TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    disabled_at INTEGER
  );

  CREATE TABLE IF NOT EXISTS sessions (
    id_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS sessions_by_user ON sessions (username);

  CREATE TABLE IF NOT EXISTS login_attempts (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    window_start INTEGER NOT NULL,
    locked_until INTEGER NOT NULL,
    in_flight_until INTEGER NOT NULL
  );

  CREATE TABLE IF NOT EXISTS audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    details TEXT NOT NULL
  );

  CREATE TABLE IF NOT EXISTS devices (
    van TEXT PRIMARY KEY,
    secret_hash TEXT NOT NULL,
    origin TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
  );

  CREATE TABLE IF NOT EXISTS associations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    contact TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
`;
