import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CERTIFICATE_FORMAT, type SignedCertificate } from '../core/certificates/certificate.ts';
import { signCertificate, verifyCertificate } from './certificate-signature.ts';

/** A certificate signed before issue 16 (no `calibration`), kept as it was handed over, with its key. */
const before = JSON.parse(
  readFileSync(new URL('./fixtures/certificate-before-calibration.json', import.meta.url), 'utf8'),
) as { publicKeyPem: string; document: SignedCertificate };

describe('recorder evidence in the signed body stays backwards compatible (issue 16)', () => {
  it('still verifies a certificate signed before certificates carried calibration records', () => {
    const doc = before.document;
    expect(doc.certificate).not.toHaveProperty('calibration');
    expect(doc.certificate.format).toBe(CERTIFICATE_FORMAT);
    expect(verifyCertificate(before.document, createPublicKey(before.publicKeyPem))).toEqual({
      valid: true,
      id: 'LD-TEST1-v1',
    });
  });

  it('signs the records in force: genuine as issued, refused once a due date is changed', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const body = structuredClone(before.document.certificate);
    body.calibration = {
      records: [
        {
          target: 'recorder',
          verifiedOn: '2025-03-03',
          laboratory: 'Labo Étalon sprl',
          reference: 'CAL-2025-017',
          nextDueOn: '2026-03-03',
        },
      ],
    };
    const doc = signCertificate(body, privateKey);
    expect(verifyCertificate(JSON.parse(JSON.stringify(doc)), publicKey).valid).toBe(true);
    const moved = structuredClone(doc);
    moved.certificate.calibration!.records[0]!.nextDueOn = '2027-03-03';
    expect(verifyCertificate(moved, publicKey).valid).toBe(false);
    // Removing the evidence is a change too: "none on record" cannot be forged from a signed record.
    const stripped = structuredClone(doc);
    delete stripped.certificate.calibration;
    expect(verifyCertificate(stripped, publicKey).valid).toBe(false);
  });
});
