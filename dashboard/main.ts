// Composition root of `givre dashboard`: read config, build the dashboard, listen, shut down in order.
import { loadConfig, mqttUrlOf } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { MetricsRegistry } from '../platform/metrics.ts';
import { wantsHelp } from '../platform/service-args.ts';
import { serviceCredentials } from '../platform/service-credentials.ts';
import { onShutdown } from '../platform/shutdown.ts';
import { readTlsFiles } from '../platform/tls-files.ts';
import { buildDashboard } from './build-dashboard.ts';

const HELP = `Usage: givre dashboard

Tableau de bord (HTTP + socket.io) sur GIVRE_HTTP_PORT : suit ce qu'ingest décide via
GIVRE_MQTT_URL et l'état partagé (GIVRE_DATA_DIR/state.db), et lui envoie les actions des gens.
Dashboard (HTTP + socket.io) on GIVRE_HTTP_PORT: follows what ingest decides through
GIVRE_MQTT_URL and the shared state store, and sends people's actions to ingest.`;

export async function runDashboard(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  if (wantsHelp(argv)) return void console.log(HELP);
  const config = loadConfig(env);
  const logger = createLogger({ level: config.GIVRE_LOG_LEVEL, component: 'dashboard' });
  const credentials = serviceCredentials(config);
  const dashboard = await buildDashboard(config, {
    metrics: new MetricsRegistry(),
    logger,
    mqttUrl: mqttUrlOf(config),
    ...(credentials ? { credentials } : {}),
  });
  await dashboard.start();
  const scheme = readTlsFiles(config) ? 'https' : 'http';
  console.log(`Givre dashboard: ${scheme}://${config.GIVRE_BIND_HOST}:${dashboard.httpPort()}`);
  onShutdown(() => dashboard.stop(), logger);
}
