import type { SignedCertificate } from '../../core/certificates/certificate.ts';
import type { DeliveryRecord, PickupRecord } from '../../core/loads/date-marking.ts';
import type { Load, LoadEventType, LoadInput, ReceptionCheck } from '../../core/loads/load.ts';
import type { ProductProfile } from '../../core/product-profiles.ts';
import type { Reading } from '../../core/readings.ts';
import type { PublicKeys } from '../../compliance/certificate-keys.ts';
import type { CertificateRepository } from '../../state/certificate-repository.ts';
import type { LoadFilter } from '../../state/load-repository.ts';
import type { LoadReferences } from './load-references.ts';

/**
 * What people do with loads, as the dashboard offers it (issue 9): reads come from the state
 * store; every change is a command that ingest carries out (dashboard/loads/load-desk.ts).
 */
export interface LoadDesk {
  get(id: string): Load;
  list(filter: LoadFilter): Load[];
  create(input: LoadInput, by: string): Promise<Load>;
  /** Only before pickup (after, the certificate quotes it). */
  edit(id: string, input: LoadInput, by: string): Promise<Load>;
  /**
   * Pickup (with the pickup record), delivery or rejection (with the delivery record);
   * delivery and rejection come back with the certificate ingest issued.
   */
  mark(
    id: string,
    event: {
      type: LoadEventType;
      at?: number;
      by: string;
      reception?: ReceptionCheck;
      pickup?: PickupRecord;
      delivery?: DeliveryRecord;
    },
  ): Promise<{ load: Load; certificate?: SignedCertificate }>;
  declareGapsLost(id: string, who: { by: string; reason: string }): Promise<SignedCertificate>;
}

/** What the loads and certificates routes need (issue 6), built by the dashboard's builder. */
export interface LoadsFeature {
  loads: LoadDesk;
  certificates: CertificateRepository;
  /** The installation's public key (ingest keeps the private one); `undefined` until created. */
  publicKeys: () => PublicKeys | undefined;
  /** The records a delivered load's certificate was computed from (CSV, chart). */
  readings: (load: Load) => Promise<Reading[]>;
  profiles: readonly ProductProfile[];
  /** What a load may refer to (issue 12): a load naming an unknown van or association is refused. */
  references: LoadReferences;
  /** GIVRE_PUBLIC_URL: base of the verification link and QR code; unset: the request's host. */
  publicUrl?: string;
}
