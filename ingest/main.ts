// Composition root of `givre ingest`: subscribe to a broker, store, serve /metrics and health.
import { wantsHelp } from '../platform/service-args.ts';
import { onShutdown } from '../platform/shutdown.ts';
import { createOpsServer } from '../platform/ops-server.ts';
import { loadConfig, mqttUrlOf } from '../platform/config.ts';
import { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';
import { createLogger } from '../platform/logger.ts';
import { MetricsRegistry } from '../platform/metrics.ts';
import { createIngestService } from './ingest-service.ts';
import { createMessageHandler } from './message-handler.ts';
import { openReadingStore } from '../store/open-reading-store.ts';

const HELP = `Usage: givre ingest

Ingestion : s'abonne à GIVRE_MQTT_URL, valide et enregistre les relevés (SQLite sous
GIVRE_DATA_DIR, ou InfluxDB si GIVRE_INFLUX_URL). /healthz, /readyz et /metrics sur GIVRE_HTTP_PORT.
Ingest: subscribes to GIVRE_MQTT_URL, validates and stores readings.`;

export async function runIngest(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  if (wantsHelp(argv)) return void console.log(HELP);
  const config = loadConfig(env);
  const logger = createLogger({ level: config.GIVRE_LOG_LEVEL, component: 'ingest' });
  const metrics = new MetricsRegistry();
  const bus = new EventBus<GivreEvents>();
  const store = await openReadingStore(config, { metrics, logger: logger.child('store') });
  const ingest = createIngestService({
    url: mqttUrlOf(config),
    ...(config.GIVRE_MQTT_USERNAME ? { username: config.GIVRE_MQTT_USERNAME } : {}),
    ...(config.GIVRE_MQTT_PASSWORD ? { password: config.GIVRE_MQTT_PASSWORD } : {}),
    handle: createMessageHandler({
      store,
      bus,
      metrics,
      logger,
      maxPayloadBytes: config.GIVRE_MAX_PAYLOAD_BYTES,
    }),
    metrics,
    logger,
  });
  const ops = createOpsServer({
    metrics,
    readiness: () => {
      const s = store.readiness();
      const i = ingest.readiness();
      return { ready: s.ready && i.ok, checks: { store: { ok: s.ready, detail: s.detail }, ingest: i } };
    },
  });
  const { port } = await ops.listen(config.GIVRE_HTTP_PORT, config.GIVRE_BIND_HOST);
  await ingest.start();
  logger.info(`ingesting from ${mqttUrlOf(config)}; health and metrics on port ${port}`);
  onShutdown(async () => {
    await ingest.stop();
    await ops.close();
    await store.close();
  }, logger);
}
