import { join } from 'node:path';
import { createBroker, type GivreBroker } from '../broker/broker.ts';
import type { VanContext } from '../core/alerts/van-rules.ts';
import type { LimitSource } from '../core/limit-source.ts';
import { createDashboardServer } from '../dashboard/server.ts';
import { createFleet, fleetVanIds } from '../firmware-sim/fleet.ts';
import { createFleetTracker, type FleetTracker } from '../ingest/fleet-tracker.ts';
import { createAlertEngine, type AlertEngine } from '../ingest/alert-engine.ts';
import { configuredLimitSource, ruleSettingsFrom } from '../ingest/alert-settings.ts';
import { createAlertVanChannel } from '../ingest/alert-van-channel.ts';
import { createAlertWebhookChannel } from '../ingest/alert-webhook-channel.ts';
import { createIngestService } from '../ingest/ingest-service.ts';
import { createMessageHandler } from '../ingest/message-handler.ts';
import type { ReadingStore } from '../store/reading-store.ts';
import { openReadingStore } from '../store/open-reading-store.ts';
import { mqttUrlOf, type Config } from '../platform/config.ts';
import { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';
import type { Logger } from '../platform/logger.ts';
import { MetricsRegistry } from '../platform/metrics.ts';
import { createAlertRepository, type AlertRepository } from '../state/alert-repository.ts';
import { openStateDb, type StateDb } from '../state/state-db.ts';
import { DEFAULT_PROFILES } from '../core/product-profiles.ts';
import { loadsLimitSource } from '../core/loads/loads-limit-source.ts';
import { loadsPeriodOf } from '../core/loads/loads-period.ts';
import { tripPeriod } from '../core/alerts/trip-period.ts';
import { createLoadsSystem, type LoadsSystem } from '../compliance/loads-system.ts';
import type { DeviceRepository } from '../state/device-repository.ts';
import { readTlsFiles } from '../platform/tls-files.ts';
import { createDeviceSecurity, type Credentials } from '../broker/device-security.ts';
import { createPeopleSecurity, type DemoUser } from '../dashboard/auth/people-security.ts';
import type { AuthFeature } from '../dashboard/auth/auth-feature.ts';

export interface SimulationOptions {
  vans: number;
  /** Device time runs this many times faster than wall time. */
  speed: number;
  /** Recording interval, seconds of device time. */
  intervalS: number;
  seed: number;
  scenarios?: Record<string, string>;
}

export interface SystemOptions {
  config: Config;
  logger: Logger;
  /** Run the embedded aedes broker (default); false to use GIVRE_MQTT_URL's broker. */
  embeddedBroker?: boolean;
  simulate?: SimulationOptions;
  /**
   * Where each compartment's limit comes from; default GIVRE_COMPARTMENT_PROFILES. Issue 6
   * passes a loads-based source (strictest profile on board) wrapping `configuredLimitSource`.
   */
  limitSource?: (defaults: LimitSource, stateDb: StateDb) => LimitSource;
  /** The cumulative rule's period (default: the load on board, else the van's trip). */
  periodOf?: VanContext['periodOf'];
  /**
   * `devices` (default): per-van credentials and topic ACL (issue 4). `open`: anyone may
   * connect and publish — only for integration tests of other features.
   */
  access?: 'devices' | 'open';
  /**
   * `users` (default): the dashboard needs a session, CSRF tokens and authorizes every
   * request (issue 4). `open`: no users — only for integration tests of other features.
   */
  auth?: 'users' | 'open';
}

/** The demo's credentials (`givre start --simulate`), printed once at start-up. */
export interface DemoCredentials {
  service: Credentials;
  vans: Record<string, Credentials>;
  /** Dashboard users, one per role (issue 4). */
  users: DemoUser[];
}

export interface RunningSystem {
  mqttUrl: string;
  mqttPort: number | null;
  /** Port of the mqtts listener, when GIVRE_TLS_CERT and GIVRE_TLS_KEY are set. */
  mqttsPort: number | null;
  httpPort: number;
  store: ReadingStore;
  bus: EventBus<GivreEvents>;
  metrics: MetricsRegistry;
  fleet: FleetTracker;
  /** The state store (`state.db` under GIVRE_DATA_DIR): alerts now, loads and certificates next. */
  stateDb: StateDb;
  alerts: AlertRepository;
  alertEngine: AlertEngine;
  /** Loads and certificates (issue 6). */
  loads: LoadsSystem;
  /** Device credentials (issue 4). */
  devices: DeviceRepository;
  /** Users, sessions and the audit log (issue 4); undefined with `auth: 'open'`. */
  auth: AuthFeature | undefined;
  /** With `simulate` on the embedded broker: the credentials the demo issued. */
  demoCredentials?: DemoCredentials;
  stop(): Promise<void>;
}

/**
 * Builds and starts Givre in one process: broker, ingest, dashboard and optionally a
 * simulated fleet. `givre start` and the end-to-end tests both use it; `stop()` shuts down
 * in order: vans, dashboard, ingest (intake), broker, store (flush, close).
 */
export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  const { config, logger } = options;
  const metrics = new MetricsRegistry();
  const bus = new EventBus<GivreEvents>();
  // SQLite under GIVRE_DATA_DIR, or InfluxDB when GIVRE_INFLUX_URL is set.
  const store = await openReadingStore(config, { metrics, logger: logger.child('store') });
  const stops: Array<() => Promise<void>> = [() => store.close()];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) {
      await s().catch((err: Error) => logger.error('error while stopping', { error: err.message }));
    }
  };

  try {
    const stateDb = openStateDb(join(config.GIVRE_DATA_DIR, 'state.db'));
    stops.push(async () => void stateDb.close());
    const alerts = createAlertRepository(stateDb);
    const defaults = configuredLimitSource(config);
    // Issue 6: loads, certificates and the key that signs them (created on first run).
    const loads = createLoadsSystem({ config, stateDb, store, bus, alerts, logger: logger.child('loads') });
    const embedded = options.embeddedBroker ?? true;
    const security = createDeviceSecurity({
      config,
      stateDb,
      access: embedded ? (options.access ?? 'devices') : 'open',
      demo: options.simulate !== undefined,
    });
    const tls = readTlsFiles(config);
    const people = createPeopleSecurity({ stateDb, mode: options.auth ?? 'users', tls: tls !== undefined });

    let broker: GivreBroker | null = null;
    let mqttUrl = mqttUrlOf(config);
    let mqttPort: number | null = null;
    let mqttsPort: number | null = null;
    if (embedded) {
      broker = await createBroker({
        metrics,
        logger: logger.child('broker'),
        maxPayloadBytes: config.GIVRE_MAX_PAYLOAD_BYTES,
        access: security.policy,
      });
      stops.push(() => broker!.close());
      mqttPort = (await broker.listen(config.GIVRE_MQTT_PORT, config.GIVRE_BIND_HOST)).port;
      mqttUrl = `mqtt://127.0.0.1:${mqttPort}`;
      if (tls) {
        mqttsPort = (await broker.listenTls(config.GIVRE_MQTTS_PORT, config.GIVRE_BIND_HOST, tls)).port;
      }
    }
    const service = security.service;

    const fleet = createFleetTracker(bus);
    fleet.start();
    stops.push(async () => fleet.stop());

    const ingest = createIngestService({
      url: mqttUrl,
      ...(service ? { username: service.username, password: service.password } : {}),
      handle: createMessageHandler({
        store,
        bus,
        metrics,
        logger: logger.child('ingest'),
        maxPayloadBytes: config.GIVRE_MAX_PAYLOAD_BYTES,
      }),
      metrics,
      logger: logger.child('ingest'),
    });
    // The engine listens before ingest connects, so a resumed session's backlog is judged too.
    const alertEngine = createAlertEngine({
      bus,
      repository: alerts,
      limitSource: options.limitSource
        ? options.limitSource(defaults, stateDb)
        : loadsLimitSource(loads.onBoardProfiles, DEFAULT_PROFILES, defaults),
      settings: ruleSettingsFrom(config),
      resetHourUtc: config.GIVRE_ALERT_CUMULATIVE_RESET_HOUR_UTC,
      // Issue 6: "time above the limit during a load"; the trip until a load is on board.
      periodOf:
        options.periodOf ??
        loadsPeriodOf(loads.onBoardLoads, (_v, _c, ts, trip) =>
          tripPeriod(trip, ts, config.GIVRE_ALERT_CUMULATIVE_RESET_HOUR_UTC),
        ),
      metrics,
      logger,
    });
    const channels = [
      createAlertVanChannel({ bus, publisher: ingest, metrics, logger: logger.child('alerts') }),
      ...(config.GIVRE_WEBHOOK_URL && config.GIVRE_WEBHOOK_SECRET
        ? [
            createAlertWebhookChannel({
              url: config.GIVRE_WEBHOOK_URL,
              secret: config.GIVRE_WEBHOOK_SECRET,
              bus,
              metrics,
              logger: logger.child('webhook'),
            }),
          ]
        : []),
    ];
    for (const channel of channels) channel.start();
    alertEngine.start();
    loads.start();
    stops.push(async () => loads.stop());
    stops.push(async () => {
      alertEngine.stop();
      for (const channel of channels) channel.stop();
    });

    await ingest.start();
    stops.push(() => ingest.stop());

    const dashboard = createDashboardServer({
      metrics,
      bus,
      fleet,
      history: store,
      loads: loads.feature,
      ...(people.auth ? { auth: people.auth } : {}),
      alerts: {
        list: (filter) => alerts.list(filter),
        get: (id) => alerts.get(id),
        unresolved: () => alerts.unresolved(),
        transitionsAfter: (seq, limit) => alerts.transitionsAfter(seq, limit),
        lastSeq: () => alerts.lastSeq(),
        acknowledge: (id, ack) => alertEngine.acknowledge(id, ack),
      },
      logger: logger.child('dashboard'),
      readiness: () => {
        const storeReady = store.readiness();
        const ingestReady = ingest.readiness();
        const checks = {
          store: { ok: storeReady.ready, ...(storeReady.detail ? { detail: storeReady.detail } : {}) },
          ingest: { ok: ingestReady.ok, ...(ingestReady.detail ? { detail: ingestReady.detail } : {}) },
        };
        return { ready: Object.values(checks).every((c) => c.ok), checks };
      },
      ...(tls ? { tls } : {}),
    });
    const httpPort = (await dashboard.listen(config.GIVRE_HTTP_PORT, config.GIVRE_BIND_HOST)).port;
    stops.push(() => dashboard.close());

    let demoCredentials: DemoCredentials | undefined;
    // Issue 4: the demo provisions one user per role (the driver on the first van) and prints them.
    const demoUsers = options.simulate ? await people.provisionDemo(fleetVanIds(1)[0] ?? 'VAN-01') : [];
    if (options.simulate && options.simulate.vans > 0) {
      const credentials = await security.provisionSimulated(fleetVanIds(options.simulate.vans));
      if (service && Object.keys(credentials).length > 0)
        demoCredentials = { service, vans: credentials, users: demoUsers };
      const sim = createFleet({
        vans: options.simulate.vans,
        url: mqttUrl,
        speed: options.simulate.speed,
        seed: options.simulate.seed,
        intervalS: options.simulate.intervalS,
        ...(options.simulate.scenarios ? { scenarios: options.simulate.scenarios } : {}),
        credentials,
        logger: logger.child('sim'),
      });
      await sim.start();
      stops.push(() => sim.stop());
    }

    if (!demoCredentials && demoUsers.length > 0 && service)
      demoCredentials = { service, vans: {}, users: demoUsers };

    return {
      mqttUrl,
      mqttPort,
      mqttsPort,
      httpPort,
      store,
      bus,
      metrics,
      fleet,
      stateDb,
      alerts,
      alertEngine,
      loads,
      devices: security.devices,
      auth: people.auth,
      ...(demoCredentials ? { demoCredentials } : {}),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
