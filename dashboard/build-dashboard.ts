import { dataFile, requireDataDir } from '../platform/data-dir.ts';
import { isAllowedPushEndpoint, parsePushServices } from '../platform/push-services.ts';
import { randomBytes } from 'node:crypto';
import { publicKeyReader } from '../compliance/certificate-keys.ts';
import { readingsOfLoad } from '../compliance/load-readings.ts';
import { DEFAULT_PROFILES } from '../core/product-profiles.ts';
import type { Config } from '../platform/config.ts';
import { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';
import { feature, startFeatures, type Feature } from '../platform/feature.ts';
import type { Logger } from '../platform/logger.ts';
import type { MetricsRegistry } from '../platform/metrics.ts';
import type { Readiness } from '../platform/ops-server.ts';
import { readTlsFiles } from '../platform/tls-files.ts';
import { createAlertRepository } from '../state/alert-repository.ts';
import { createAssociationRepository } from '../state/association-repository.ts';
import { createCalibrationRepository } from '../state/calibration-repository.ts';
import { createDeviceRepository } from '../state/device-repository.ts';
import { createNotificationPreferenceRepository } from '../state/notification-preference-repository.ts';
import { createPushSubscriptionRepository } from '../state/push-subscription-repository.ts';
import { vapidPublicKeyReader } from '../platform/vapid-keys.ts';
import { parseCompartmentProfiles } from '../core/alerts/config-limit-source.ts';
import { createCertificateRepository } from '../state/certificate-repository.ts';
import { createCommandRepository } from '../state/command-repository.ts';
import { createLoadRepository } from '../state/load-repository.ts';
import { openStateDb, type StateDb } from '../state/state-db.ts';
import { createSeqTrackRepository } from '../state/seq-track-repository.ts';
import { createVanStateRepository } from '../state/van-state-repository.ts';
import { openReadingStore } from '../store/open-reading-store.ts';
import { createAuthFeature, type AuthFeature } from './auth/auth-feature.ts';
import { createCommandClient } from './command-client.ts';
import { createLoadDesk } from './loads/load-desk.ts';
import { createLoadReferences } from './loads/load-references.ts';
import { createOpsFeed, type OpsFeed } from './ops-feed.ts';
import { createDashboardServer } from './server.ts';
import { createHostPolicy } from './host-policy.ts';

export interface DashboardBuildDeps {
  metrics: MetricsRegistry;
  logger: Logger;
  /** The broker where ingest's events and the commands travel. */
  mqttUrl: string;
  credentials?: { username: string; password: string };
  /** The installation's state store; default `state.db` under GIVRE_DATA_DIR (closed on stop). */
  stateDb?: StateDb;
  /** Checks of services in the same process (`givre start`: ingest's), added to `/readyz`. */
  alsoReady?: () => Readiness;
  /**
   * The clock people's actions are stamped with (a pickup, a delivery, an acknowledgement
   * without a time of their own), ms; default the wall clock. The demo passes its simulated
   * fleet's clock (issue 10, 8), so that those actions line up with the vans' records.
   */
  now?: () => number;
  /**
   * The demo (`givre start --simulate`): the dashboard then runs without GIVRE_PUBLIC_URL or
   * GIVRE_ALLOWED_HOSTS and answers loopback names and IP addresses (host-policy.ts).
   */
  demo?: boolean;
  /** `users` (default): sign-in, CSRF and authorization. `open`: no users — tests of other features only. */
  auth?: 'users' | 'open';
}

export interface BuiltDashboard {
  auth: AuthFeature | undefined;
  fleet: OpsFeed;
  /** Set once started. */
  httpPort(): number;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * `givre dashboard` (issue 9): pages, API and the live channel for people. It holds no rule
 * and no engine: it reads the state store and the time series, follows what ingest decided
 * on the internal topics, and sends what people do to ingest as commands.
 */
export async function buildDashboard(config: Config, deps: DashboardBuildDeps): Promise<BuiltDashboard> {
  const { metrics, logger } = deps;
  requireDataDir(config); // the first thing to fix, before the host names
  const hosts = createHostPolicy(config, { demo: deps.demo ?? false });
  // Parsed once (config validated it), not per subscription request.
  const pushServices = parsePushServices(config.GIVRE_PUSH_SERVICES);
  const bus = new EventBus<GivreEvents>();
  const ownsStateDb = deps.stateDb === undefined;
  const stateDb = deps.stateDb ?? openStateDb(dataFile(config, 'state.db'));
  // Read-only: the dashboard queries history; ingest alone writes (and owns any InfluxDB spool).
  const store = await openReadingStore(
    config,
    { metrics, logger: logger.child('store') },
    { readOnly: true },
  );
  const tls = readTlsFiles(config);
  const alerts = createAlertRepository(stateDb);
  const certificates = createCertificateRepository(stateDb);
  const associations = createAssociationRepository(stateDb);
  const devices = createDeviceRepository(stateDb);
  const clientId = `givre-dashboard-${randomBytes(6).toString('hex')}`;
  // The client publishes through the feed's connection; the feed hands it the replies.
  const commands = createCommandClient({
    publish: (topic, payload) => feed.publish(topic, payload),
    replyTo: clientId,
    commands: createCommandRepository(stateDb),
    ...(deps.now ? { now: deps.now } : {}),
  });
  const feed: OpsFeed = createOpsFeed({
    url: deps.mqttUrl,
    ...(deps.credentials ? { credentials: deps.credentials } : {}),
    clientId,
    bus,
    alerts,
    vanStates: createVanStateRepository(stateDb),
    onReply: (reply) => commands.onReply(reply),
    metrics,
    logger,
    maxPayloadBytes: config.GIVRE_MAX_PAYLOAD_BYTES,
  });
  const auth =
    (deps.auth ?? 'users') === 'users'
      ? createAuthFeature({ stateDb, secureCookies: tls !== undefined })
      : undefined;
  const server = createDashboardServer({
    ...(tls ? { tls } : {}),
    ...(auth ? { auth } : {}),
    hosts,
    metrics,
    bus,
    fleet: feed,
    associations,
    devices,
    calibrations: createCalibrationRepository(stateDb),
    seqTracks: createSeqTrackRepository(stateDb),
    push: {
      publicKey: vapidPublicKeyReader(config.GIVRE_DATA_DIR),
      subscriptions: createPushSubscriptionRepository(stateDb),
      preferences: createNotificationPreferenceRepository(stateDb),
      allowedEndpoint: (endpoint) => isAllowedPushEndpoint(endpoint, pushServices),
      now: () => Date.now(),
    },
    history: store,
    readings: store,
    alerts: {
      list: (filter) => alerts.list(filter),
      get: (id) => alerts.get(id),
      unresolved: () => alerts.unresolved(),
      // Up to what the relay has sent (ops-feed.ts alertCursor): the relay sends the rest.
      transitionsAfter: (seq, limit) =>
        alerts.transitionsAfter(seq, limit).filter((t) => t.seq <= feed.alertCursor()),
      lastSeq: () => feed.alertCursor(),
      async acknowledge(id, ack) {
        await commands.send({ type: 'alert-ack', alertId: id, ...ack });
        const episode = alerts.get(id);
        if (!episode) throw new Error(`alert ${id} vanished`);
        return episode;
      },
    },
    loads: {
      loads: createLoadDesk({ commands, loads: createLoadRepository(stateDb), certificates }),
      certificates,
      publicKeys: publicKeyReader(config.GIVRE_DATA_DIR),
      readings: (load) => readingsOfLoad(store, load),
      profiles: DEFAULT_PROFILES,
      references: createLoadReferences({
        fleet: feed,
        devices,
        associations,
        profiles: DEFAULT_PROFILES,
        configuredCompartments: [
          ...parseCompartmentProfiles(config.GIVRE_COMPARTMENT_PROFILES, DEFAULT_PROFILES).keys(),
        ],
      }),
      ...(config.GIVRE_PUBLIC_URL ? { publicUrl: config.GIVRE_PUBLIC_URL } : {}),
    },
    logger,
    ...(config.GIVRE_MAP_TILE_URL ? { map: { tileUrl: config.GIVRE_MAP_TILE_URL } } : {}),
    readiness: () => {
      const s = store.readiness();
      const b = feed.connected();
      const checks = {
        store: { ok: s.ready, ...(s.detail ? { detail: s.detail } : {}) },
        broker: { ok: b, ...(b ? {} : { detail: 'not connected to the broker' }) },
      };
      const others = deps.alsoReady?.();
      const all = {
        ...checks,
        ...Object.fromEntries(Object.entries(others?.checks ?? {}).map(([k, v]) => [`ingest.${k}`, v])),
      };
      return { ready: checks.store.ok && checks.broker.ok && (others?.ready ?? true), checks: all };
    },
  });
  let port = -1;
  // Started in this order, stopped in reverse: people stop first, then what served them.
  const features: Feature[] = [
    feature(
      'state and time series',
      () => undefined,
      async () => {
        await store.close();
        if (ownsStateDb) stateDb.close();
      },
    ),
    feed,
    feature(
      'commands',
      () => undefined,
      () => commands.close(),
    ),
    feature(
      'http',
      async () => void (port = (await server.listen(config.GIVRE_HTTP_PORT, config.GIVRE_BIND_HOST)).port),
      () => server.close(),
    ),
  ];
  let stopFeatures: (() => Promise<void>) | undefined;
  return {
    auth,
    fleet: feed,
    httpPort: () => port,
    async start() {
      stopFeatures = await startFeatures(features, logger);
    },
    async stop() {
      await stopFeatures?.();
      stopFeatures = undefined;
    },
  };
}
