import type { OnBoardLoad } from '../core/loads/loads-period.ts';
import { DEFAULT_PROFILES } from '../core/product-profiles.ts';
import type { ReadingStore } from '../store/reading-store.ts';
import { ruleSettingsFrom } from '../ingest/alert-settings.ts';
import type { Config } from '../platform/config.ts';
import type { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';
import type { Logger } from '../platform/logger.ts';
import type { AlertRepository } from '../state/alert-repository.ts';
import { createCertificateRepository } from '../state/certificate-repository.ts';
import { createLoadRepository } from '../state/load-repository.ts';
import type { StateDb } from '../state/state-db.ts';
import { createCertificateIssuer } from './certificate-issuer.ts';
import { loadOrCreateKeys } from './certificate-keys.ts';
import { createLateDataReissuer } from './late-data-reissuer.ts';
import { createLoadService } from './load-service.ts';
import type { LoadsFeature } from '../dashboard/loads/loads-feature.ts';

export interface LoadsSystem {
  feature: LoadsFeature;
  /** Profiles of the loads on board a compartment: the alerts' LimitSource reads it. */
  onBoardProfiles(van: string, compartment: string): string[];
  /** Loads on board a compartment with their pickup times: the cumulative alert's period (loads-period.ts). */
  onBoardLoads(van: string, compartment: string): OnBoardLoad[];
  /** Starts re-evaluating provisional certificates when late data arrives. */
  start(): void;
  stop(): void;
}

/** Wires issue 6 on the state database: loads, certificates, the signing key, late-data re-evaluation. */
export function createLoadsSystem(deps: {
  config: Config;
  stateDb: StateDb;
  store: ReadingStore;
  bus: EventBus<GivreEvents>;
  alerts: Pick<AlertRepository, 'list'>;
  logger: Logger;
}): LoadsSystem {
  const loadRepo = createLoadRepository(deps.stateDb);
  const certificates = createCertificateRepository(deps.stateDb);
  const keys = loadOrCreateKeys(deps.config.GIVRE_DATA_DIR);
  const now = () => Date.now();
  const issuer = createCertificateIssuer({
    store: deps.store,
    certificates,
    alerts: (van, to) => deps.alerts.list({ van, to, limit: 1000 }),
    keys,
    settings: ruleSettingsFrom(deps.config),
    profiles: DEFAULT_PROFILES,
    now,
  });
  const loads = createLoadService({ loads: loadRepo, issuer, profiles: DEFAULT_PROFILES, now });
  const reissuer = createLateDataReissuer({
    bus: deps.bus,
    // Asked on every telemetry message: only loads whose certificate is still provisional,
    // never a scan of every delivered load (a year of loads would be parsed per message).
    closedLoads: (van) =>
      certificates
        .provisionalLoadIds()
        .map((id) => loadRepo.get(id))
        .filter((load): load is NonNullable<typeof load> => load !== undefined && load.van === van),
    certificates,
    issuer,
    logger: deps.logger,
  });
  return {
    feature: {
      loads,
      certificates,
      issuer,
      keys,
      profiles: DEFAULT_PROFILES,
      ...(deps.config.GIVRE_PUBLIC_URL ? { publicUrl: deps.config.GIVRE_PUBLIC_URL } : {}),
    },
    onBoardProfiles: (van, compartment) => loadRepo.onBoardProfiles(van, compartment),
    onBoardLoads: (van, compartment) => loadRepo.onBoardLoads(van, compartment),
    start: () => reissuer.start(),
    stop: () => reissuer.stop(),
  };
}
