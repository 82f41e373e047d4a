import { DEFAULT_PROFILES, type ProductProfile } from '../core/product-profiles.ts';
import type { LostRecordsRepository } from '../state/lost-records-repository.ts';
import { createCalibrationRepository } from '../state/calibration-repository.ts';
import type { RuleSettings } from '../core/rule-settings.ts';
import type { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';
import type { Feature } from '../platform/feature.ts';
import type { Logger } from '../platform/logger.ts';
import type { AlertRepository } from '../state/alert-repository.ts';
import { createCertificateRepository, type CertificateRepository } from '../state/certificate-repository.ts';
import { createLoadRepository, type LoadRepository } from '../state/load-repository.ts';
import type { StateDb } from '../state/state-db.ts';
import type { ReadingStore } from '../store/reading-store.ts';
import { createCertificateIssuer, type CertificateIssuer } from './certificate-issuer.ts';
import { loadOrCreateKeys } from './certificate-keys.ts';
import { watchLateData } from './awaiting-late-data.ts';
import { createLateDataReissuer } from './late-data-reissuer.ts';
import { createLoadService, type LoadService } from './load-service.ts';

export interface Compliance {
  loads: LoadService;
  loadRepository: LoadRepository;
  certificates: CertificateRepository;
  issuer: CertificateIssuer;
  profiles: readonly ProductProfile[];
  /** Re-evaluates provisional certificates when late data arrives (DESIGN.md §6). */
  reissuer: Feature;
}

/**
 * Loads and certificates as ingest runs them (issue 9: ingest issues every certificate):
 * the load lifecycle, the signing key (created on first run under `dataDir/keys/`), the
 * issuer and the late-data re-issuer, on the installation's state store.
 */
export function createCompliance(deps: {
  dataDir: string;
  stateDb: StateDb;
  store: ReadingStore;
  bus: EventBus<GivreEvents>;
  alerts: Pick<AlertRepository, 'list'>;
  /** Records vans declared lost (issue 13). */
  lostRecords?: Pick<LostRecordsRepository, 'overlapping'>;
  settings: RuleSettings;
  logger: Logger;
  now?: () => number;
  /** How long a delivery waits for its last records, ms (certificate-issuer.ts). */
  tailWaitMs?: number;
  /** Who issues the certificates (GIVRE_ISSUER_NAME, GIVRE_ISSUER_ADDRESS). */
  issuer?: { name: string; address?: string };
}): Compliance {
  // The re-issuer's watch list is read again after any write to either store (issue 14).
  const {
    loads: loadRepository,
    certificates,
    awaiting,
  } = watchLateData(createLoadRepository(deps.stateDb), createCertificateRepository(deps.stateDb));
  const now = deps.now ?? (() => Date.now());
  const calibrations = createCalibrationRepository(deps.stateDb);
  const issuer = createCertificateIssuer({
    store: deps.store,
    certificates,
    alerts: (van, to) => deps.alerts.list({ van, to, limit: 1000 }),
    ...(deps.lostRecords ? { lostRecords: deps.lostRecords } : {}),
    calibrations: (van) => calibrations.of(van),
    keys: loadOrCreateKeys(deps.dataDir),
    settings: deps.settings,
    profiles: DEFAULT_PROFILES,
    now,
    ...(deps.tailWaitMs !== undefined ? { tailWaitMs: deps.tailWaitMs } : {}),
    ...(deps.issuer ? { issuer: deps.issuer } : {}),
  });
  const loads = createLoadService({ loads: loadRepository, issuer, profiles: DEFAULT_PROFILES, now });
  const reissuer = createLateDataReissuer({
    bus: deps.bus,
    // Asked on every telemetry message: answered from memory (awaiting-late-data.ts).
    awaiting: (van) => awaiting.of(van),
    issuer,
    logger: deps.logger,
  });
  return {
    loads,
    loadRepository,
    certificates,
    issuer,
    profiles: DEFAULT_PROFILES,
    reissuer: { name: 'late-data re-issuer', start: () => reissuer.start(), stop: () => reissuer.stop() },
  };
}
