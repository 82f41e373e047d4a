import type { SignedCertificate } from '../core/certificates/certificate.ts';
import type { StateDb } from './state-db.ts';

/** A stored certificate: the signed JSON exactly as issued, and whether a newer version replaced it. */
export interface StoredCertificate {
  signed: SignedCertificate;
  /** Id of the version that replaced this one, `null` while it is current. */
  supersededBy: string | null;
}

/** Signed certificates. Written by ingest (its issuer) only; dashboards read. */
export interface CertificateRepository {
  /** Stores a new version; marks the one it supersedes in the same transaction. */
  add(signed: SignedCertificate): void;
  get(id: string): StoredCertificate | undefined;
  /** The current (not superseded) version of a load's certificate. */
  latest(loadId: string): StoredCertificate | undefined;
  /** Every version of a load's certificate, oldest first (all kept, all verifiable). */
  versions(loadId: string): StoredCertificate[];
  /** Loads whose current certificate is provisional: the only ones late data can re-open. */
  provisionalLoadIds(): string[];
}

interface Row {
  signed: string;
  superseded_by: string | null;
}

const toStored = (r: Row): StoredCertificate => ({
  signed: JSON.parse(r.signed) as SignedCertificate,
  supersededBy: r.superseded_by,
});

export function createCertificateRepository(db: StateDb): CertificateRepository {
  db.exec(`
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
  `);
  const insert = db.prepare(`
    INSERT INTO certificates (id, load_id, version, issued_at, provisional, verdict, signed)
    VALUES (@id, @loadId, @version, @issuedAt, @provisional, @verdict, @signed)`);
  const supersede = db.prepare('UPDATE certificates SET superseded_by = ? WHERE id = ?');
  const byId = db.prepare<[string], Row>('SELECT signed, superseded_by FROM certificates WHERE id = ?');
  const current = db.prepare<[string], Row>(
    'SELECT signed, superseded_by FROM certificates WHERE load_id = ? AND superseded_by IS NULL ORDER BY version DESC LIMIT 1',
  );
  const provisional = db.prepare<[], { load_id: string }>(
    'SELECT load_id FROM certificates WHERE provisional = 1 AND superseded_by IS NULL',
  );
  const all = db.prepare<[string], Row>(
    'SELECT signed, superseded_by FROM certificates WHERE load_id = ? ORDER BY version',
  );
  const add = db.transaction((signed: SignedCertificate) => {
    const c = signed.certificate;
    insert.run({
      id: c.id,
      loadId: c.load.id,
      version: c.version,
      issuedAt: c.issuedAt,
      provisional: c.provisional ? 1 : 0,
      verdict: c.report.verdict,
      signed: JSON.stringify(signed),
    });
    if (c.supersedes) supersede.run(c.id, c.supersedes);
  });
  return {
    add: (signed) => add(signed),
    get: (id) => {
      const r = byId.get(id);
      return r ? toStored(r) : undefined;
    },
    latest: (loadId) => {
      const r = current.get(loadId);
      return r ? toStored(r) : undefined;
    },
    versions: (loadId) => all.all(loadId).map(toStored),
    provisionalLoadIds: () => provisional.all().map((r) => r.load_id),
  };
}
