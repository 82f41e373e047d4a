import { dataFile } from '../platform/data-dir.ts';
import type { Config } from '../platform/config.ts';
import type { Logger } from '../platform/logger.ts';
import type { MetricsRegistry } from '../platform/metrics.ts';
import { readTlsFiles } from '../platform/tls-files.ts';
import { openStateDb, type StateDb } from '../state/state-db.ts';
import { BROKER_DB_FILE } from './broker-db.ts';
import { createBroker, type BeforeAcknowledge, type GivreBroker } from './broker.ts';
import { createDeviceSecurity, type DeviceSecurity } from './device-security.ts';
import { enqueueBeforeAcknowledge } from './enqueue-before-acknowledge.ts';
import { SqlitePersistence } from './sqlite-persistence.ts';

export interface BrokerDeps {
  metrics: MetricsRegistry;
  logger: Logger;
  /** The installation's state store (device credentials); default `state.db` under GIVRE_DATA_DIR. */
  stateDb?: StateDb;
  /**
   * `devices` (default): per-van credentials and topic ACL. `open`: anyone may connect and
   * publish — only for integration tests of other features.
   */
  access?: 'devices' | 'open';
  /** The demo (`givre start --simulate`): an unset service secret is generated for the run. */
  demo?: boolean;
  /**
   * What makes an accepted publish safe before the broker acknowledges it (broker.ts): in
   * `givre start`, ingest storing it. On the durable persistence, a publish this lets through
   * (`route`) is then acknowledged only once it is queued for every subscriber
   * (enqueue-before-acknowledge.ts).
   */
  beforeAcknowledge?: BeforeAcknowledge;
  /**
   * Where aedes keeps sessions, queued and retained messages and wills: `sqlite` (default),
   * `broker.db` under GIVRE_DATA_DIR, which a SIGKILL loses nothing of (issue 13); `memory`,
   * gone with the process — only for tests of other code.
   */
  persistence?: 'sqlite' | 'memory';
}

export interface BuiltBroker {
  security: DeviceSecurity;
  /** Set once started. */
  mqttPort(): number;
  mqttsPort(): number | null;
  connectedClients(): number;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * `givre broker` (issue 9): aedes with device authentication and the topic ACL, nothing
 * else. Listens on GIVRE_MQTT_PORT, and for mqtts on GIVRE_MQTTS_PORT with GIVRE_TLS_*.
 * Keeps its sessions and messages in `broker.db` under GIVRE_DATA_DIR (issue 13).
 */
export function buildBroker(config: Config, deps: BrokerDeps): BuiltBroker {
  const ownsStateDb = deps.stateDb === undefined;
  const stateDb = deps.stateDb ?? openStateDb(dataFile(config, 'state.db'));
  const security = createDeviceSecurity({
    config,
    stateDb,
    access: deps.access ?? 'devices',
    demo: deps.demo ?? false,
  });
  const tls = readTlsFiles(config);
  let broker: GivreBroker | undefined;
  let persistence: SqlitePersistence | undefined;
  let port = -1;
  let tlsPort: number | null = null;
  return {
    security,
    mqttPort: () => port,
    mqttsPort: () => tlsPort,
    connectedClients: () => broker?.connectedClients() ?? 0,
    async start() {
      if (deps.persistence !== 'memory')
        persistence = new SqlitePersistence(dataFile(config, BROKER_DB_FILE));
      const durable = persistence ? enqueueBeforeAcknowledge(() => broker!.aedes) : undefined;
      const beforeAcknowledge = chainBeforeAcknowledge(deps.beforeAcknowledge, durable);
      broker = await createBroker({
        metrics: deps.metrics,
        logger: deps.logger,
        maxPayloadBytes: config.GIVRE_MAX_PAYLOAD_BYTES,
        access: security.policy,
        ...(persistence ? { persistence } : {}),
        ...(beforeAcknowledge ? { beforeAcknowledge } : {}),
      });
      port = (await broker.listen(config.GIVRE_MQTT_PORT, config.GIVRE_BIND_HOST)).port;
      deps.logger.info(`MQTT listening on ${config.GIVRE_BIND_HOST}:${port}`);
      if (tls) {
        tlsPort = (await broker.listenTls(config.GIVRE_MQTTS_PORT, config.GIVRE_BIND_HOST, tls)).port;
        deps.logger.info(`MQTT over TLS listening on ${config.GIVRE_BIND_HOST}:${tlsPort}`);
      }
    },
    async stop() {
      await broker?.close();
      broker = undefined;
      await persistence?.destroy();
      persistence = undefined;
      if (ownsStateDb) stateDb.close();
    },
  };
}

/** `first`, then — for what it lets aedes route — `then`; either alone when the other is absent. */
function chainBeforeAcknowledge(
  first: BeforeAcknowledge | undefined,
  then: BeforeAcknowledge | undefined,
): BeforeAcknowledge | undefined {
  if (!first || !then) return first ?? then;
  return async (packet, client) =>
    (await first(packet, client)) === 'route' ? then(packet, client) : 'routed';
}
