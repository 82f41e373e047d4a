// Composition root of `givre broker`: the embedded aedes broker as a service of its own.
import { join } from 'node:path';
import { createDeviceSecurity } from './device-security.ts';
import { wantsHelp } from '../platform/service-args.ts';
import { onShutdown } from '../platform/shutdown.ts';
import { loadConfig } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { MetricsRegistry } from '../platform/metrics.ts';
import { readTlsFiles } from '../platform/tls-files.ts';
import { openStateDb } from '../state/state-db.ts';
import { createBroker } from './broker.ts';

const HELP = `Usage: givre broker

Broker MQTT (aedes) sur GIVRE_BIND_HOST:GIVRE_MQTT_PORT. / MQTT broker (aedes).
Identifiants des camionnettes : GIVRE_DATA_DIR/state.db (givre device add). / Van credentials.
Variables: GIVRE_MQTT_PORT (1883), GIVRE_BIND_HOST (127.0.0.1), GIVRE_MAX_PAYLOAD_BYTES,
GIVRE_MQTT_USERNAME (givre-service) et GIVRE_MQTT_PASSWORD (obligatoire / required: the
services' credential), GIVRE_TLS_CERT + GIVRE_TLS_KEY (mqtts on GIVRE_MQTTS_PORT, 8883).`;

export async function runBroker(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  if (wantsHelp(argv)) return void console.log(HELP);
  const config = loadConfig(env);
  const logger = createLogger({ level: config.GIVRE_LOG_LEVEL, component: 'broker' });
  const tls = readTlsFiles(config);
  const stateDb = openStateDb(join(config.GIVRE_DATA_DIR, 'state.db'));
  const security = createDeviceSecurity({ config, stateDb, access: 'devices', demo: false });
  const broker = await createBroker({
    metrics: new MetricsRegistry(),
    logger,
    maxPayloadBytes: config.GIVRE_MAX_PAYLOAD_BYTES,
    access: security.policy,
  });
  const { port } = await broker.listen(config.GIVRE_MQTT_PORT, config.GIVRE_BIND_HOST);
  logger.info(`MQTT listening on ${config.GIVRE_BIND_HOST}:${port}`);
  if (tls) {
    const secure = await broker.listenTls(config.GIVRE_MQTTS_PORT, config.GIVRE_BIND_HOST, tls);
    logger.info(`MQTT over TLS listening on ${config.GIVRE_BIND_HOST}:${secure.port}`);
  }
  onShutdown(async () => {
    await broker.close();
    stateDb.close();
  }, logger);
}
