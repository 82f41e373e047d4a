// Composition root of `givre ingest`: read config, build ingest, serve health and metrics, shut down in order.
import { serviceCredentials } from '../platform/service-credentials.ts';
import { loadConfig, mqttUrlOf } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { MetricsRegistry } from '../platform/metrics.ts';
import { createOpsServer } from '../platform/ops-server.ts';
import { wantsHelp } from '../platform/service-args.ts';
import { onShutdown } from '../platform/shutdown.ts';
import { buildIngest } from './build-ingest.ts';

const HELP = `Usage: givre ingest

Ingestion : s'abonne à GIVRE_MQTT_URL, valide et enregistre les relevés (SQLite sous
GIVRE_DATA_DIR, ou InfluxDB si GIVRE_INFLUX_URL), tient l'état de la flotte, juge les
alertes et les livre (camionnette, webhook), exécute les commandes du tableau de bord et
émet les certificats. /healthz, /readyz et /metrics sur GIVRE_HTTP_PORT.
Ingest: subscribes to GIVRE_MQTT_URL, validates and stores readings, keeps the fleet state,
raises and delivers alerts, carries out the dashboard's commands and issues certificates.`;

export async function runIngest(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  if (wantsHelp(argv)) return void console.log(HELP);
  const config = loadConfig(env);
  const logger = createLogger({ level: config.GIVRE_LOG_LEVEL, component: 'ingest' });
  const metrics = new MetricsRegistry();
  const credentials = serviceCredentials(config);
  const ingest = await buildIngest(config, {
    metrics,
    logger,
    mqttUrl: mqttUrlOf(config),
    ...(credentials ? { credentials } : {}),
  });
  const ops = createOpsServer({ metrics, readiness: () => ingest.readiness() });
  const { port } = await ops.listen(config.GIVRE_HTTP_PORT, config.GIVRE_BIND_HOST);
  await ingest.start();
  logger.info(`ingesting from ${mqttUrlOf(config)}; health and metrics on port ${port}`);
  onShutdown(async () => {
    await ingest.stop();
    await ops.close();
  }, logger);
}
