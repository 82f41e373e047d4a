// Composition root of `givre broker`: the embedded aedes broker as a service of its own.
import { loadConfig } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { MetricsRegistry } from '../platform/metrics.ts';
import { createOpsServer } from '../platform/ops-server.ts';
import { wantsHelp } from '../platform/service-args.ts';
import { onShutdown } from '../platform/shutdown.ts';
import { buildBroker } from './build-broker.ts';

const HELP = `Usage: givre broker

Broker MQTT (aedes) sur GIVRE_BIND_HOST:GIVRE_MQTT_PORT. / MQTT broker (aedes).
Identifiants des camionnettes : GIVRE_DATA_DIR/state.db (givre device add). / Van credentials.
Sessions, messages en attente et retenus : GIVRE_DATA_DIR/broker.db (rien d'acquitté n'est perdu
à un arrêt brutal). / Sessions, queued and retained messages: broker.db (survives a SIGKILL).
Variables: GIVRE_MQTT_PORT (1883), GIVRE_BIND_HOST (127.0.0.1), GIVRE_MAX_PAYLOAD_BYTES,
GIVRE_MQTT_USERNAME (givre-service) et GIVRE_MQTT_PASSWORD (obligatoire / required: the
services' credential), GIVRE_TLS_CERT + GIVRE_TLS_KEY (mqtts on GIVRE_MQTTS_PORT, 8883).
/healthz, /readyz et /metrics sur GIVRE_HTTP_PORT seulement s'il est donné / only when set.`;

export async function runBroker(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  if (wantsHelp(argv)) return void console.log(HELP);
  const config = loadConfig(env);
  const logger = createLogger({ level: config.GIVRE_LOG_LEVEL, component: 'broker' });
  const metrics = new MetricsRegistry();
  const broker = buildBroker(config, { metrics, logger });
  await broker.start();
  // Health and metrics only when asked for: GIVRE_HTTP_PORT's default (8080) is the
  // dashboard's, and a broker beside it on one host must not take it.
  const ops =
    env.GIVRE_HTTP_PORT !== undefined
      ? createOpsServer({
          metrics,
          readiness: () => ({
            ready: broker.mqttPort() > 0,
            checks: { mqtt: { ok: broker.mqttPort() > 0 } },
          }),
        })
      : undefined;
  if (ops) {
    const { port } = await ops.listen(config.GIVRE_HTTP_PORT, config.GIVRE_BIND_HOST);
    logger.info(`health and metrics on port ${port}`);
  }
  onShutdown(async () => {
    await ops?.close();
    await broker.stop();
  }, logger);
}
