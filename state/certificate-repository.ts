import { randomBytes } from 'node:crypto';
import type { SignedCertificate } from '../core/certificates/certificate.ts';
import type { StateDb } from './state-db.ts';

/** A stored certificate: the signed JSON exactly as issued, and whether a newer version replaced it. */
export interface StoredCertificate {
  signed: SignedCertificate;
  /** Id of the version that replaced this one, `null` while it is current. */
  supersededBy: string | null;
  /**
   * The verification token printed in this version's QR code (issue 10, 7): 192 random bits,
   * base64url, not derivable from the id, so whoever holds the paper may see the certificate
   * and nobody can list certificates by guessing.
   */
  token: string;
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
  /** The version whose QR token this is. */
  byToken(token: string): StoredCertificate | undefined;
}

/** What a verification token looks like (24 random bytes, base64url). */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;
/** A fresh verification token (also given by migration 1 to certificates issued before tokens). */
export const newCertificateToken = () => randomBytes(24).toString('base64url');

interface Row {
  signed: string;
  superseded_by: string | null;
  token: string;
}

const toStored = (r: Row): StoredCertificate => ({
  signed: JSON.parse(r.signed) as SignedCertificate,
  supersededBy: r.superseded_by,
  token: r.token,
});

export function createCertificateRepository(db: StateDb): CertificateRepository {
  const insert = db.prepare(`
    INSERT INTO certificates (id, load_id, version, issued_at, provisional, verdict, signed, token)
    VALUES (@id, @loadId, @version, @issuedAt, @provisional, @verdict, @signed, @token)`);
  const supersede = db.prepare('UPDATE certificates SET superseded_by = ? WHERE id = ?');
  const byId = db.prepare<[string], Row>(
    'SELECT signed, superseded_by, token FROM certificates WHERE id = ?',
  );
  const current = db.prepare<[string], Row>(
    'SELECT signed, superseded_by, token FROM certificates WHERE load_id = ? AND superseded_by IS NULL ORDER BY version DESC LIMIT 1',
  );
  const byToken = db.prepare<[string], Row>(
    'SELECT signed, superseded_by, token FROM certificates WHERE token = ?',
  );
  const provisional = db.prepare<[], { load_id: string }>(
    'SELECT load_id FROM certificates WHERE provisional = 1 AND superseded_by IS NULL',
  );
  const all = db.prepare<[string], Row>(
    'SELECT signed, superseded_by, token FROM certificates WHERE load_id = ? ORDER BY version',
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
      token: newCertificateToken(),
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
    byToken: (token) => {
      const r = TOKEN_PATTERN.test(token) ? byToken.get(token) : undefined;
      return r ? toStored(r) : undefined;
    },
  };
}
