import { dataFile } from '../platform/data-dir.ts';
import { createCompliance } from '../compliance/compliance-service.ts';
import { loadsLimitSource } from '../core/loads/loads-limit-source.ts';
import { loadsPeriodOf } from '../core/loads/loads-period.ts';
import { tripPeriod } from '../core/alerts/trip-period.ts';
import { DEFAULT_PROFILES } from '../core/product-profiles.ts';
import { owedChannels } from '../core/alerts/alert-delivery.ts';
import type { Config } from '../platform/config.ts';
import { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';
import { feature, startFeatures, type Feature } from '../platform/feature.ts';
import type { Logger } from '../platform/logger.ts';
import type { MetricsRegistry } from '../platform/metrics.ts';
import type { Readiness } from '../platform/ops-server.ts';
import { createAlertRepository, type AlertRepository } from '../state/alert-repository.ts';
import { createCommandRepository } from '../state/command-repository.ts';
import { createOutboxRepository } from '../state/outbox-repository.ts';
import { createNotificationPreferenceRepository } from '../state/notification-preference-repository.ts';
import { createPushSubscriptionRepository } from '../state/push-subscription-repository.ts';
import { createUserRepository } from '../state/user-repository.ts';
import { PUSH_CONTACT_DEFAULT } from '../platform/config.ts';
import { loadOrCreateVapidKeys } from '../platform/vapid-keys.ts';
import { isAllowedPushEndpoint, parsePushServices } from '../platform/push-services.ts';
import { openStateDb, type StateDb } from '../state/state-db.ts';
import { createSeqTrackRepository } from '../state/seq-track-repository.ts';
import { createVanStateRepository } from '../state/van-state-repository.ts';
import { createLostRecordsRepository } from '../state/lost-records-repository.ts';
import { openReadingStore } from '../store/open-reading-store.ts';
import type { ReadingStore } from '../store/reading-store.ts';
import type { Compliance } from '../compliance/compliance-service.ts';
import { createAlertEngine, type AlertEngine } from './alert-engine.ts';
import { configuredLimitSource, ruleSettingsFrom } from './alert-settings.ts';
import { createAlertVanChannel } from './alert-van-channel.ts';
import { createAlertWebhookChannel } from './alert-webhook-channel.ts';
import { createAlertPushChannel } from './alert-push-channel.ts';
import { createAlertRecipients } from './alert-recipients.ts';
import { createCommandHandler } from './command-handler.ts';
import { createFleetTracker, type FleetTracker } from './fleet-tracker.ts';
import { createIngestService } from './ingest-service.ts';
import { isCommandTopic, type Intake, type StagedHandler } from './intake.ts';
import { limitInForce } from './limit-in-force.ts';
import { createMessageHandler } from './message-handler.ts';
import { createMqttIntake, pipelinesUrl } from './mqtt-intake.ts';
import { createFleetPublisher, createOpsAlertPublisher } from './ops-publishers.ts';
import { createReceiptPublisher, RECEIPT_INTERVAL_MS } from './receipt-publisher.ts';
import { createSeqGapTracker } from './seq-gap-tracker.ts';

export interface IngestDeps {
  metrics: MetricsRegistry;
  logger: Logger;
  /** The broker to subscribe to; default GIVRE_MQTT_URL. */
  mqttUrl: string;
  /** The service credential, if the broker asks for one. */
  credentials?: { username: string; password: string };
  /** The installation's state store; default `state.db` under GIVRE_DATA_DIR (closed on stop). */
  stateDb?: StateDb;
  /** Fixed MQTT client id of the persistent session; default `givre-ingest`. */
  clientId?: string;
  /**
   * Where the vans' messages and the dashboards' commands come from (issue 13). By default
   * ingest's MQTT subscription; `givre start` on its embedded broker passes the broker's own
   * (broker-intake.ts), so that a van's PUBACK means stored. Ingest's MQTT connection then only
   * publishes.
   */
  intake?: Intake;
}

export interface Ingest {
  bus: EventBus<GivreEvents>;
  store: ReadingStore;
  stateDb: StateDb;
  alerts: AlertRepository;
  alertEngine: AlertEngine;
  fleet: FleetTracker;
  compliance: Compliance;
  readiness(): Readiness;
  /** Opens intake last, once every feature listens (a resumed session's backlog is judged too). */
  start(): Promise<void>;
  /** Stops intake first, then the features in reverse order, then flushes and closes the stores. */
  stop(): Promise<void>;
}

/** How often a van's state goes to the state store and the dashboards at most, ms. */
export const FLEET_PUBLISH_INTERVAL_MS = 1_000;

/**
 * `givre ingest` (issue 9): every judgement of data — decode and validate, store, fleet
 * state with its limits in force, the alert rules and lifecycle, delivery to vans and the
 * webhook, the dashboards' commands (acknowledgements, loads), certificates and their
 * late-data re-evaluation. `givre start` builds the very same.
 */
export async function buildIngest(config: Config, deps: IngestDeps): Promise<Ingest> {
  const { metrics, logger } = deps;
  const bus = new EventBus<GivreEvents>();
  const store = await openReadingStore(config, { metrics, logger: logger.child('store') });
  const ownsStateDb = deps.stateDb === undefined;
  const stateDb = deps.stateDb ?? openStateDb(dataFile(config, 'state.db'));
  const settings = ruleSettingsFrom(config);
  const webhookConfig =
    config.GIVRE_WEBHOOK_URL && config.GIVRE_WEBHOOK_SECRET
      ? { url: config.GIVRE_WEBHOOK_URL, secret: config.GIVRE_WEBHOOK_SECRET }
      : undefined;
  // Issue 13: a transition's deliveries are owed in the very transaction that stores it;
  // issue 15: push deliveries too, one per subscription of each person the preferences pick.
  const outbox = createOutboxRepository(stateDb);
  const subscriptions = createPushSubscriptionRepository(stateDb);
  const recipients = createAlertRecipients({
    users: createUserRepository(stateDb),
    preferences: createNotificationPreferenceRepository(stateDb),
    subscriptions,
  });
  const seqTracks = createSeqTrackRepository(stateDb);
  const alerts = createAlertRepository(stateDb, {
    onRecord: (notice) => {
      const now = Date.now();
      outbox.owe(notice, owedChannels(notice.transition, { webhook: webhookConfig !== undefined }), now);
      outbox.oweEach(notice, 'push', recipients.pushTargets(notice), now);
    },
  });
  const pushServices = parsePushServices(config.GIVRE_PUSH_SERVICES);
  const vapid = { ...loadOrCreateVapidKeys(config.GIVRE_DATA_DIR), subject: config.GIVRE_PUSH_CONTACT };
  if (config.GIVRE_PUSH_CONTACT === PUSH_CONTACT_DEFAULT)
    logger.warn(
      `push notifications name ${PUSH_CONTACT_DEFAULT} as their contact: set GIVRE_PUSH_CONTACT to an address the push services can reach`,
    );
  const vanStates = createVanStateRepository(stateDb);
  const lostRecords = createLostRecordsRepository(stateDb);
  const compliance = createCompliance({
    lostRecords,
    dataDir: config.GIVRE_DATA_DIR,
    stateDb,
    store,
    bus,
    alerts,
    settings,
    logger: logger.child('loads'),
    tailWaitMs: config.GIVRE_CERTIFICATE_TAIL_WAIT_S * 1000,
    issuer: { name: config.GIVRE_ISSUER_NAME, address: config.GIVRE_ISSUER_ADDRESS },
  });
  const loads = compliance.loadRepository;
  const limitSource = loadsLimitSource(
    (van, c) => loads.onBoardProfiles(van, c),
    DEFAULT_PROFILES,
    configuredLimitSource(config),
  );
  const fleet = createFleetTracker(bus, {
    limitOf: limitInForce(limitSource, (van, c) => loads.onBoardLoads(van, c)),
    initial: vanStates.all(),
    clockToleranceMs: config.GIVRE_CLOCK_TOLERANCE_S * 1000,
  });
  const alertEngine = createAlertEngine({
    bus,
    repository: alerts,
    limitSource,
    settings,
    resetHourUtc: config.GIVRE_ALERT_CUMULATIVE_RESET_HOUR_UTC,
    // Issue 6: "time above the limit during a load"; the trip until a load is on board.
    periodOf: loadsPeriodOf(
      (van, c) => loads.onBoardLoads(van, c),
      (_v, _c, ts, trip) => tripPeriod(trip, ts, config.GIVRE_ALERT_CUMULATIVE_RESET_HOUR_UTC),
    ),
    metrics,
    logger,
    numbering: () => seqTracks.all(),
  });

  const seqGaps = createSeqGapTracker({ bus, repository: seqTracks, metrics });
  const handleVan = createMessageHandler({
    store,
    bus,
    metrics,
    logger: logger.child('ingest'),
    maxPayloadBytes: config.GIVRE_MAX_PAYLOAD_BYTES,
    lostRecords,
    clockToleranceMs: config.GIVRE_CLOCK_TOLERANCE_S * 1000,
    // Issue 14: a group's state writes (seq tracks, alert transitions and their outbox, lost
    // records) commit once, not one state.db commit per message; each van's seq track is
    // written once per group.
    stateTransaction: stateDb.transaction((work: () => void) => seqGaps.inGroup(work)),
  });
  // Issue 14: on an external broker over TCP or TLS, the pipelining intake takes the session
  // (mqtt-intake.ts) and MQTT.js only publishes, on a client id of its own.
  const clientId = deps.clientId ?? 'givre-ingest';
  const pipelined = !deps.intake && pipelinesUrl(deps.mqttUrl);
  const intake = createIngestService({
    url: deps.mqttUrl,
    clientId: pipelined ? `${clientId}-pub` : clientId,
    ...(deps.credentials ?? {}),
    metrics,
    logger: logger.child('ingest'),
  });
  const mqttIntake = pipelined
    ? createMqttIntake({
        url: deps.mqttUrl,
        clientId,
        ...(deps.credentials ?? {}),
        metrics,
        logger: logger.child('ingest'),
      })
    : undefined;
  // The dashboards' commands and the vans' messages arrive through one intake, in one order,
  // and every intake hands a command as a group of its own (GroupQueue, intake.ts).
  // Issue 14: a group of the vans' in two stages, its write overlapping the judging of the group
  // before (group-runner.ts); a command all in its second, alone in flight.
  const handle: StagedHandler = {
    begin: (group) =>
      group.length === 1 && isCommandTopic(group[0]!.topic)
        ? {
            stored: Promise.resolve(),
            finish: () => commandHandler.handle(group[0]!.topic, group[0]!.payload),
          }
        : handleVan.begin(group),
  };
  const commandHandler = createCommandHandler({
    alerts: alertEngine,
    loads: compliance.loads,
    certificates: compliance.certificates,
    commands: createCommandRepository(stateDb),
    publisher: intake,
    onLoadChanged: (load) => fleet.refresh(load.van),
    metrics,
    logger: logger.child('commands'),
    maxPayloadBytes: config.GIVRE_MAX_PAYLOAD_BYTES,
    now: () => Date.now(),
  });

  const channelDeps = { bus, publisher: intake, metrics, logger: logger.child('alerts') };
  const webhook = webhookConfig
    ? [
        createAlertWebhookChannel({
          ...webhookConfig,
          bus,
          outbox,
          metrics,
          logger: logger.child('webhook'),
          smsRecipients: (notice) => recipients.smsRecipients(notice),
        }),
      ]
    : [];
  const features: Feature[] = [
    feature(
      'fleet tracker',
      () => fleet.start(),
      () => fleet.stop(),
    ),
    createFleetPublisher({ ...channelDeps, repository: vanStates, intervalMs: FLEET_PUBLISH_INTERVAL_MS }),
    createOpsAlertPublisher(channelDeps),
    feature(
      'alert engine',
      () => alertEngine.start(),
      () => alertEngine.stop(),
    ),
    compliance.reissuer,
    seqGaps,
    // Before intake, so the first message of a resumed session is receipted too (issue 13).
    createReceiptPublisher({
      ...channelDeps,
      logger: logger.child('receipts'),
      intervalMs: RECEIPT_INTERVAL_MS,
    }),
    // Ingest's own subscription, or the intake it was given once its connection is up (replies
    // and alerts publish on it); stopped in reverse.
    feature(
      'intake',
      async () => {
        if (!deps.intake && !mqttIntake) return intake.start(handle);
        await intake.start();
        if (mqttIntake) return mqttIntake.start(handle);
        await deps.intake!.start(handle);
      },
      async () => {
        await mqttIntake?.stop();
        await deps.intake?.stop();
        await intake.stop();
      },
    ),
    // After intake: they deliver what the outbox owes from a previous run at once, and the van
    // channel publishes on intake's connection. Stopped first, what they have not handed over
    // stays owed for the next start.
    { name: 'alert van channel', ...createAlertVanChannel({ ...channelDeps, outbox }) },
    ...webhook.map((w) => ({ name: 'alert webhook', ...w })),
    {
      name: 'alert push channel',
      ...createAlertPushChannel({
        bus,
        outbox,
        subscriptions,
        vapid,
        allowedEndpoint: (endpoint) => isAllowedPushEndpoint(endpoint, pushServices),
        metrics,
        logger: logger.child('push'),
      }),
    },
  ];

  let stopFeatures: (() => Promise<void>) | undefined;
  const closeStores = async () => {
    await store.close();
    if (ownsStateDb) stateDb.close();
  };
  return {
    bus,
    store,
    stateDb,
    alerts,
    alertEngine,
    fleet,
    compliance,
    readiness() {
      const s = store.readiness();
      const i = mqttIntake?.readiness().ok === false ? mqttIntake.readiness() : intake.readiness();
      const checks = {
        store: { ok: s.ready, ...(s.detail ? { detail: s.detail } : {}) },
        broker: { ok: i.ok, ...(i.detail ? { detail: i.detail } : {}) },
      };
      return { ready: checks.store.ok && checks.broker.ok, checks };
    },
    async start() {
      try {
        stopFeatures = await startFeatures(features, logger);
      } catch (err) {
        await closeStores();
        throw err;
      }
    },
    async stop() {
      await stopFeatures?.();
      stopFeatures = undefined;
      await closeStores();
    },
  };
}
