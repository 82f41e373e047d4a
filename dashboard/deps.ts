import type { VanState } from '../core/van-state.ts';
import type { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';
import type { Logger } from '../platform/logger.ts';
import type { MetricsRegistry } from '../platform/metrics.ts';
import type { ReadingStore } from '../store/reading-store.ts';
import type { AssociationRepository } from '../state/association-repository.ts';
import type { CalibrationRepository } from '../state/calibration-repository.ts';
import type { DeviceRepository } from '../state/device-repository.ts';
import type { SeqTrackRepository } from '../state/seq-track-repository.ts';
import type { AlertService } from './alert-service.ts';
import type { AuthFeature } from './auth/auth-feature.ts';
import type { HostPolicy } from './host-policy.ts';
import type { LoadsFeature } from './loads/loads-feature.ts';
import type { MapSettings } from '../core/api/map.ts';
import type { PushFeature } from './push-routes.ts';

/** Where the dashboard reads the latest state of every van (kept by ingest). */
export interface FleetReader {
  list(): VanState[];
  get(van: string): VanState | undefined;
}

export interface Readiness {
  ready: boolean;
  checks: Record<string, { ok: boolean; detail?: string }>;
}

/** Everything the dashboard needs, passed in by the composition root (or a test). */
export interface DashboardDeps {
  metrics: MetricsRegistry;
  bus: EventBus<GivreEvents>;
  fleet: FleetReader;
  readiness: () => Readiness;
  logger: Logger;
  /** Wall clock, ms; reserved for server-side time (not used to date readings: those carry device time). */
  now?: () => number;
  /** The time-series store's history query; absent in dashboards started without a store (some tests). */
  history?: Pick<ReadingStore, 'history'>;
  /** The van's records for the van page's CSV export (issue 12); absent like `history`. */
  readings?: Pick<ReadingStore, 'readings'>;
  /** Loads and certificates (issue 6); absent in dashboards started without a state store. */
  loads?: LoadsFeature;
  /** Associations (issue 12); absent in dashboards started without a state store. */
  associations?: AssociationRepository;
  /** Gaps in each van's sequence, as ingest keeps them (issue 13); absent without a state store. */
  seqTracks?: Pick<SeqTrackRepository, 'of'>;
  /** Vans' MQTT credentials, for the admin page (issue 12); absent without a state store. */
  devices?: DeviceRepository;
  /** Recorders' calibration records (issue 16); absent without a state store. */
  calibrations?: CalibrationRepository;
  /** Alerts (issue 5); absent in dashboards started without an engine (some tests). */
  alerts?: AlertService;
  /**
   * People (issue 4): users, sessions, CSRF, authorization and the audit log. Absent: a
   * dashboard open to anyone (tests of other features); `givre start` always passes it.
   */
  auth?: AuthFeature;
  /**
   * The host names the dashboard answers (issue 11, 6); requests for others get 421. Absent:
   * any (dashboards of tests of other features); `buildDashboard` always passes it.
   */
  hosts?: HostPolicy;
  /** Push subscriptions and notification preferences (issue 15); absent without a state store. */
  push?: PushFeature;
  /** The map page's settings (issue 12): GIVRE_MAP_TILE_URL. */
  map?: MapSettings;
  /** Smallest gap between two `van:update` emits for one van, ms. Default 1000. */
  emitIntervalMs?: number;
}
