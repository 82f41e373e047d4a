import { dataFile } from '../platform/data-dir.ts';
import { buildBroker, type BuiltBroker } from '../broker/build-broker.ts';
import type { Credentials } from '../broker/device-security.ts';
import { buildDashboard } from '../dashboard/build-dashboard.ts';
import type { AuthFeature } from '../dashboard/auth/auth-feature.ts';
import { createPeopleDemo, type DemoUser } from '../dashboard/auth/people-security.ts';
import { seedDemoAssociations } from '../dashboard/associations/demo-associations.ts';
import { createAssociationRepository } from '../state/association-repository.ts';
import { createHostPolicy } from '../dashboard/host-policy.ts';
import { fleetClock } from '../firmware-sim/fleet-clock.ts';
import { createFleet, fleetVanIds } from '../firmware-sim/fleet.ts';
import { createBrokerIntake } from '../ingest/broker-intake.ts';
import { buildIngest, type Ingest } from '../ingest/build-ingest.ts';
import { mqttUrlOf, type Config } from '../platform/config.ts';
import { feature, startFeatures, type Feature } from '../platform/feature.ts';
import type { Logger } from '../platform/logger.ts';
import { MetricsRegistry } from '../platform/metrics.ts';
import { serviceCredentials } from '../platform/service-credentials.ts';
import type { DeviceRepository } from '../state/device-repository.ts';
import { createDeviceRepository } from '../state/device-repository.ts';
import { openStateDb, type StateDb } from '../state/state-db.ts';
import type { ReadingStore } from '../store/reading-store.ts';

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
  /** Ingest's in-process bus (stored readings, statuses, alert transitions). */
  bus: Ingest['bus'];
  metrics: MetricsRegistry;
  fleet: Ingest['fleet'];
  /** The installation's state store (`state.db` under GIVRE_DATA_DIR). */
  stateDb: StateDb;
  alerts: Ingest['alerts'];
  ingest: Ingest;
  devices: DeviceRepository;
  /** Users, sessions and the audit log (issue 4); undefined with `auth: 'open'`. */
  auth: AuthFeature | undefined;
  /** With `simulate` on the embedded broker: the credentials the demo issued. */
  demoCredentials?: DemoCredentials;
  stop(): Promise<void>;
}

/**
 * `givre start` (issue 9): the same three services that run apart — `buildBroker`,
 * `buildIngest`, `buildDashboard` — composed in one process on one state store, talking
 * through the broker as they do apart, plus the simulated fleet; except that on the embedded
 * broker ingest takes its inbound messages inside the broker, before they are acknowledged
 * (issue 13). The end-to-end tests use it too. `stop()` stops in reverse order: vans,
 * dashboard, ingest, broker.
 */
export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  const { config, logger } = options;
  const metrics = new MetricsRegistry();
  const stateDb = openStateDb(dataFile(config, 'state.db'));
  const embedded = options.embeddedBroker ?? true;
  const demo = options.simulate !== undefined;
  // Issue 13: on the embedded broker, ingest takes each publish inside the broker, before it is
  // acknowledged, so that a van's PUBACK means stored; held until ingest has started.
  const intake = embedded ? createBrokerIntake({ metrics, logger: logger.child('ingest') }) : undefined;
  const broker: BuiltBroker | undefined = intake
    ? buildBroker(config, {
        metrics,
        logger: logger.child('broker'),
        stateDb,
        access: options.access ?? 'devices',
        demo,
        beforeAcknowledge: intake.beforeAcknowledge,
      })
    : undefined;
  // Before anything listens: outside the demo the dashboard needs its public address (issue 11, 6).
  createHostPolicy(config, { demo });
  // The service credential the in-process services present: the broker's (the demo may generate one).
  const service = broker ? broker.security.service : serviceCredentials(config);
  const mqttUrl = () => (broker ? `mqtt://127.0.0.1:${broker.mqttPort()}` : mqttUrlOf(config));
  const features: Feature[] = [
    feature(
      'state store',
      () => undefined,
      () => void stateDb.close(),
    ),
  ];
  if (broker) features.push({ name: 'broker', start: () => broker.start(), stop: () => broker.stop() });

  let ingest: Ingest | undefined;
  features.push({
    name: 'ingest',
    start: async () => {
      ingest = await buildIngest(config, {
        metrics,
        logger,
        mqttUrl: mqttUrl(),
        stateDb,
        ...(service ? { credentials: service } : {}),
        ...(intake ? { intake } : {}),
      });
      await ingest.start();
    },
    stop: () => ingest!.stop(),
  });
  // Issue 10 (8): in the demo, people act on the simulated fleet's clock, from the vans' boot.
  let actionNow: () => number = Date.now;
  const actionClock = options.simulate ? () => actionNow() : undefined;
  let dashboard: Awaited<ReturnType<typeof buildDashboard>> | undefined;
  features.push({
    name: 'dashboard',
    start: async () => {
      dashboard = await buildDashboard(config, {
        metrics,
        logger: logger.child('dashboard'),
        mqttUrl: mqttUrl(),
        stateDb,
        auth: options.auth ?? 'users',
        demo,
        // One HTTP port for the whole process: /readyz answers for ingest too.
        alsoReady: () => ingest!.readiness(),
        ...(actionClock ? { now: actionClock } : {}),
        ...(service ? { credentials: service } : {}),
      });
      await dashboard.start();
    },
    stop: () => dashboard!.stop(),
  });

  let demoCredentials: DemoCredentials | undefined;
  const devices = broker?.security.devices ?? createDeviceRepository(stateDb);
  if (options.simulate) {
    const sim = options.simulate;
    let fleet: ReturnType<typeof createFleet> | undefined;
    features.push({
      name: 'simulated fleet',
      start: async () => {
        // Issue 12: the demo's associations, so that loads have recipients out of the box.
        seedDemoAssociations(createAssociationRepository(stateDb), Date.now());
        // Issue 4: the demo provisions one user per role (the driver on the first van) and prints them.
        const users = dashboard?.auth
          ? await createPeopleDemo(dashboard.auth)(fleetVanIds(1)[0] ?? 'VAN-01')
          : [];
        const vans = broker ? await broker.security.provisionSimulated(fleetVanIds(sim.vans)) : {};
        if (service && (users.length > 0 || Object.keys(vans).length > 0))
          demoCredentials = { service, vans, users };
        if (sim.vans === 0) return;
        fleet = createFleet({
          vans: sim.vans,
          url: mqttUrl(),
          speed: sim.speed,
          seed: sim.seed,
          intervalS: sim.intervalS,
          ...(sim.scenarios ? { scenarios: sim.scenarios } : {}),
          credentials: vans,
          logger: logger.child('sim'),
        });
        // The vans boot their recorders as they start: device time is wall time now, then `speed`× faster.
        actionNow = fleetClock(Date.now(), sim.speed);
        await fleet.start();
      },
      stop: async () => fleet?.stop(),
    });
  }

  const stop = await startFeatures(features, logger);
  return {
    mqttUrl: mqttUrl(),
    mqttPort: broker?.mqttPort() ?? null,
    mqttsPort: broker?.mqttsPort() ?? null,
    httpPort: dashboard!.httpPort(),
    store: ingest!.store,
    bus: ingest!.bus,
    metrics,
    fleet: ingest!.fleet,
    stateDb,
    alerts: ingest!.alerts,
    ingest: ingest!,
    devices,
    auth: dashboard!.auth,
    ...(demoCredentials ? { demoCredentials } : {}),
    stop,
  };
}
