// Composition root of `givre dashboard`: the dashboard as a service of its own.
import { wantsHelp } from '../platform/service-args.ts';
import { onShutdown } from '../platform/shutdown.ts';
import { createFleetTracker } from '../ingest/fleet-tracker.ts';
import { openReadingStore } from '../store/open-reading-store.ts';
import { loadConfig, mqttUrlOf } from '../platform/config.ts';
import { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';
import { createLogger } from '../platform/logger.ts';
import { MetricsRegistry } from '../platform/metrics.ts';
import { join } from 'node:path';
import { openStateDb } from '../state/state-db.ts';
import { createAuthFeature } from './auth/auth-feature.ts';
import { createMqttFleetFeed } from './mqtt-fleet-feed.ts';
import { readTlsFiles } from '../platform/tls-files.ts';
import { createDashboardServer } from './server.ts';

const HELP = `Usage: givre dashboard

Tableau de bord (HTTP + socket.io) sur GIVRE_HTTP_PORT ; suit la flotte via GIVRE_MQTT_URL.
Dashboard (HTTP + socket.io) on GIVRE_HTTP_PORT; follows the fleet through GIVRE_MQTT_URL.`;

export async function runDashboard(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  if (wantsHelp(argv)) return void console.log(HELP);
  const config = loadConfig(env);
  const logger = createLogger({ level: config.GIVRE_LOG_LEVEL, component: 'dashboard' });
  const metrics = new MetricsRegistry();
  const bus = new EventBus<GivreEvents>();
  const fleet = createFleetTracker(bus);
  fleet.start();
  const feed = createMqttFleetFeed({
    url: mqttUrlOf(config),
    ...(config.GIVRE_MQTT_USERNAME ? { username: config.GIVRE_MQTT_USERNAME } : {}),
    ...(config.GIVRE_MQTT_PASSWORD ? { password: config.GIVRE_MQTT_PASSWORD } : {}),
    bus,
    logger,
    maxPayloadBytes: config.GIVRE_MAX_PAYLOAD_BYTES,
  });
  // Read-only: the dashboard queries history; ingest alone writes (and owns any InfluxDB spool).
  const store = await openReadingStore(
    config,
    { metrics, logger: logger.child('store') },
    { readOnly: true },
  );
  // Issue 4: alone too, the dashboard signs people in (users from `givre user add` on the same GIVRE_DATA_DIR).
  const stateDb = openStateDb(join(config.GIVRE_DATA_DIR, 'state.db'));
  // HTTPS (and Secure cookies) when GIVRE_TLS_CERT and GIVRE_TLS_KEY are set, as under `givre start`.
  const tls = readTlsFiles(config);
  const server = createDashboardServer({
    ...(tls ? { tls } : {}),
    auth: createAuthFeature({ stateDb, secureCookies: tls !== undefined }),
    metrics,
    bus,
    fleet,
    history: store,
    logger,
    readiness: () => {
      const ok = feed.connected();
      return { ready: ok, checks: { broker: ok ? { ok } : { ok, detail: 'not connected to the broker' } } };
    },
  });
  await feed.start();
  const { port } = await server.listen(config.GIVRE_HTTP_PORT, config.GIVRE_BIND_HOST);
  console.log(`Givre dashboard: ${tls ? 'https' : 'http'}://${config.GIVRE_BIND_HOST}:${port}`);
  onShutdown(async () => {
    await server.close();
    await feed.stop();
    fleet.stop();
    await store.close();
    stateDb.close();
  }, logger);
}
