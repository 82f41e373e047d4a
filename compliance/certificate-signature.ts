import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../core/certificates/canonical-json.ts';
import type { CertificateBody, SignedCertificate } from '../core/certificates/certificate.ts';

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/** Ed25519 over the canonical JSON (RFC 8032: no separate hash, the algorithm is `null` in node:crypto). */
export function signCertificate(body: CertificateBody, privateKey: KeyObject): SignedCertificate {
  const value = sign(null, Buffer.from(canonicalJson(body), 'utf8'), privateKey).toString('base64');
  return {
    certificate: body,
    signature: { algorithm: 'Ed25519', keyId: keyIdOf(createPublicKey(privateKey)), value },
  };
}

/** Why a certificate does not verify, in each language the pages and certificates speak. */
export type Refusal = { fr: string; en: string; nl: string };

export type Verification = { valid: true; id: string } | { valid: false; reason: Refusal };

const fail = (fr: string, en: string, nl: string): Verification => ({ valid: false, reason: { fr, en, nl } });

/**
 * Checks a certificate as received (parsed JSON of unknown shape) against the public key.
 * Any changed byte of what was signed changes the canonical JSON, so the signature fails.
 */
export function verifyCertificate(input: unknown, publicKey: KeyObject): Verification {
  const doc = input as Partial<SignedCertificate> | null;
  if (!doc || typeof doc !== 'object' || !doc.certificate || typeof doc.certificate !== 'object')
    return fail(
      'ce n’est pas un certificat Givre',
      'this is not a Givre certificate',
      'dit is geen certificaat van Givre',
    );
  const sig = doc.signature;
  if (!sig || sig.algorithm !== 'Ed25519' || typeof sig.value !== 'string')
    return fail('la signature manque', 'the signature is missing', 'de handtekening ontbreekt');
  if (sig.keyId !== keyIdOf(publicKey))
    return fail(
      'signé par une autre clé que celle de cette installation',
      'signed with a key other than this installation’s',
      'ondertekend met een andere sleutel dan die van deze installatie',
    );
  let bytes: Buffer;
  try {
    bytes = Buffer.from(canonicalJson(doc.certificate), 'utf8');
  } catch {
    return fail(
      'le contenu n’est pas du JSON valide',
      'the content is not valid JSON',
      'de inhoud is geen geldige JSON',
    );
  }
  const ok = verify(null, bytes, publicKey, Buffer.from(sig.value, 'base64'));
  if (!ok)
    return fail(
      'la signature ne correspond pas : le certificat a été modifié après sa signature',
      'the signature does not match: the certificate was changed after it was signed',
      'de handtekening klopt niet: het certificaat is na de ondertekening gewijzigd',
    );
  return { valid: true, id: String(doc.certificate.id) };
}
