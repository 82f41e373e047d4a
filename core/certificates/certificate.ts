import type { ComplianceReport } from '../compliance/compliance-report.ts';
import type { DispositionAnswer } from '../compliance/disposition.ts';
import type { TimeOutOfCold } from '../compliance/time-out-of-cold.ts';
import type { Load } from '../loads/load.ts';

/** Bump when the certificate's shape changes: verifiers quote it. */
export const CERTIFICATE_FORMAT = 'givre-certificate/1';

/**
 * The load as the certificate quotes it (no internal bookkeeping). `pickup` and `delivery`
 * (issue 16) are signed only when the driver recorded them: certificates without them, and
 * those issued before, verify as they were signed.
 */
export type CertifiedLoad = Pick<
  Load,
  | 'id'
  | 'profile'
  | 'weightKg'
  | 'donor'
  | 'recipient'
  | 'van'
  | 'compartment'
  | 'reception'
  | 'status'
  | 'pickup'
  | 'delivery'
> & { pickedUpAt: number; deliveredAt: number; events: Load['events'] };

/**
 * DESIGN.md §6: a provisional certificate stays so "until the gaps close or are declared
 * lost". A declaration says the missing records will never come (a recorder replaced, its
 * memory lost): who made it, when (ms since 1970 UTC) and why. The verdict stays "incomplete".
 */
export interface GapsDeclaredLost {
  by: string;
  at: number;
  reason: string;
}

/**
 * The recorder evidence in force when the load was picked up (issue 16, EN 13486): one record
 * per target (`recorder` or a sensor id), as entered, without who entered it. An empty list
 * says none was on record. Calendar days `YYYY-MM-DD` (Brussels).
 */
export interface CertifiedCalibration {
  records: Array<{
    target: string;
    verifiedOn: string;
    laboratory: string;
    reference: string;
    nextDueOn: string;
  }>;
}

/** What is signed: everything a charity or the food agency relies on. */
export interface CertificateBody {
  format: typeof CERTIFICATE_FORMAT;
  /** `{loadId}-v{version}`: the `/verify/{id}` path. */
  id: string;
  version: number;
  /** The version this one replaces (late data filled a gap), if any. */
  supersedes: string | null;
  /** Issued while data was missing: a later version may replace it when the gap fills. */
  provisional: boolean;
  /** The gaps of `report` were declared lost: this version is final although data is missing. Absent otherwise. */
  gapsDeclaredLost?: GapsDeclaredLost;
  issuedAt: number;
  /** The issuing organisation's name (GIVRE_ISSUER_NAME). */
  issuer: string;
  /**
   * Its postal address (GIVRE_ISSUER_ADDRESS), signed since issue 12; absent on certificates
   * issued before, which still verify as they were signed.
   */
  issuerAddress?: string;
  /**
   * Signed since issue 16; absent on certificates issued before, which still verify as they
   * were signed (canonical JSON leaves an absent key out, so the format stays the same).
   */
  calibration?: CertifiedCalibration;
  load: CertifiedLoad;
  report: ComplianceReport;
  /**
   * The minutes the load spent unrefrigerated, with its parts and the budget's verdict
   * (`timeOutOfCold`, issue 16). Signed since issue 16; absent on certificates issued before,
   * which still verify as they were signed.
   */
  timeOutOfCold?: TimeOutOfCold;
  /**
   * What the charity may do with the load (`dispose`): the disposition with the rule that
   * decided (id, version, legal source, rule set) and its reason. Signed since issue 16 for a
   * delivered load whose date marking was recorded; absent otherwise.
   */
  disposition?: DispositionAnswer;
}

/** The signed JSON form: Ed25519 over the canonical JSON of `certificate`. */
export interface SignedCertificate {
  certificate: CertificateBody;
  signature: {
    algorithm: 'Ed25519';
    /** First 16 hex digits of the SHA-256 of the public key (DER, SPKI). */
    keyId: string;
    /** Base64. */
    value: string;
  };
}

export const certificateId = (loadId: string, version: number) => `${loadId}-v${version}`;
