import type { ProductProfile } from '../../core/product-profiles.ts';
import type { CertificateRepository } from '../../state/certificate-repository.ts';
import type { CertificateIssuer } from '../../compliance/certificate-issuer.ts';
import type { CertificateKeys } from '../../compliance/certificate-keys.ts';
import type { LoadService } from '../../compliance/load-service.ts';

/** What the loads and certificates routes need (issue 6), built by the composition root. */
export interface LoadsFeature {
  loads: LoadService;
  certificates: CertificateRepository;
  issuer: CertificateIssuer;
  keys: CertificateKeys;
  profiles: readonly ProductProfile[];
  /** GIVRE_PUBLIC_URL: base of the verification link and QR code; unset: the request's host. */
  publicUrl?: string;
}
