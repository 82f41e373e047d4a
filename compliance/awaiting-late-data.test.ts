import { describe, expect, it } from 'vitest';
import type { SignedCertificate } from '../core/certificates/certificate.ts';
import { createCertificateRepository } from '../state/certificate-repository.ts';
import { createLoadRepository } from '../state/load-repository.ts';
import { loadFixture } from '../state/load-test-fixtures.ts';
import { openStateDb } from '../state/state-db.ts';
import { watchLateData } from './awaiting-late-data.ts';

/**
 * Version `version` of LD-TEST1's certificate (VAN-07), with only what the certificate store
 * and the watch list read; the rest of a certificate plays no part here.
 */
const certificate = (version: number, provisional: boolean): SignedCertificate =>
  ({
    certificate: {
      id: `LD-TEST1-v${version}`,
      version,
      supersedes: version > 1 ? `LD-TEST1-v${version - 1}` : null,
      provisional,
      issuedAt: 0,
      load: { id: 'LD-TEST1' },
      report: {
        verdict: provisional ? 'incomplete' : 'compliant',
        records: { complete: !provisional, tailReceived: !provisional, missing: [] },
      },
    },
  }) as unknown as SignedCertificate;

describe('loads awaiting late data, kept in memory (issue 14)', () => {
  it('follows the certificates issued: provisional awaits, a complete new version ends it', () => {
    const db = openStateDb(':memory:');
    const { loads, certificates, awaiting } = watchLateData(
      createLoadRepository(db),
      createCertificateRepository(db),
    );
    loads.save(loadFixture('LD-TEST1', 'delivered', { van: 'VAN-07' }), {
      type: 'delivered',
      at: 0,
      by: 'test',
    });
    // Delivered, its certificate not issued yet (the issuer works after the save): none awaits.
    expect(awaiting.of('VAN-07')).toEqual([]);

    certificates.add(certificate(1, true));
    expect(awaiting.of('VAN-07')).toMatchObject([{ load: { id: 'LD-TEST1' }, waitingForTail: true }]);
    expect(awaiting.of('VAN-01')).toEqual([]);

    certificates.add(certificate(2, false));
    expect(awaiting.of('VAN-07')).toEqual([]);
    db.close();
  });
});
