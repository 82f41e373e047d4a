import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CertificateBody } from '../core/certificates/certificate.ts';
import { readCertificateDocument } from './certificate-document.ts';
import { signCertificate, verifyCertificate, type Refusal } from './certificate-signature.ts';

/**
 * Issue 16: a certificate that does not verify says why in French, English and Dutch — the
 * verification page shows the reason in the reader's language, as the server words it.
 */
describe('why a certificate does not verify, in every language', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const other = generateKeyPairSync('ed25519');
  // The signature covers whatever body it is given: a few fields stand for a whole certificate.
  const body = { id: 'LD-NL1-v1', report: { verdict: 'non-compliant' } } as unknown as CertificateBody;
  const good = signCertificate(body, privateKey);
  const tampered = structuredClone(good);
  tampered.certificate.report.verdict = 'compliant';

  const refusals: Array<[string, Refusal | undefined]> = [
    ['not a certificate', reasonOf(verifyCertificate({ hello: 1 }, publicKey))],
    ['no signature', reasonOf(verifyCertificate({ certificate: good.certificate }, publicKey))],
    [
      'another key',
      reasonOf(verifyCertificate(signCertificate(good.certificate, other.privateKey), publicKey)),
    ],
    ['changed after signing', reasonOf(verifyCertificate(tampered, publicKey))],
    ['not JSON', reasonOf(readCertificateDocument('{"a":'))],
    ['a repeated key', reasonOf(readCertificateDocument('{"certificate":{"id":"x","id":"y"}}'))],
  ];

  it.each(refusals)('%s: said in Dutch too, in other words than French and English', (_, reason) => {
    expect(reason).toBeDefined();
    const { fr, en, nl } = reason!;
    expect(nl.trim()).not.toBe('');
    expect(nl).not.toBe(fr);
    expect(nl).not.toBe(en);
  });

  it('words them as a Dutch reader reads them', () => {
    expect(Object.fromEntries(refusals.map(([what, r]) => [what, r?.nl]))).toEqual({
      'not a certificate': 'dit is geen certificaat van Givre',
      'no signature': 'de handtekening ontbreekt',
      'another key': 'ondertekend met een andere sleutel dan die van deze installatie',
      'changed after signing': 'de handtekening klopt niet: het certificaat is na de ondertekening gewijzigd',
      'not JSON': 'de inhoud is geen geldige JSON',
      'a repeated key':
        'het document herhaalt de sleutel ‘id’: het kan op twee manieren worden gelezen, dus het is niet de ondertekende tekst',
    });
    expect(verifyCertificate(good, publicKey)).toEqual({ valid: true, id: good.certificate.id });
  });
});

function reasonOf(result: { valid: boolean } | { ok: boolean }): Refusal | undefined {
  return 'reason' in result ? (result.reason as Refusal) : undefined;
}
