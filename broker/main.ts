// Composition root of `givre broker`: the embedded aedes broker as a service of its own.
import { wantsHelp } from '../cli/service-args.ts';
import { onShutdown } from '../cli/shutdown.ts';
import { loadConfig } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { MetricsRegistry } from '../platform/metrics.ts';
import { createBroker } from './broker.ts';

const HELP = `Usage: givre broker

Broker MQTT (aedes) sur GIVRE_BIND_HOST:GIVRE_MQTT_PORT. / MQTT broker (aedes).
Variables: GIVRE_MQTT_PORT (1883), GIVRE_BIND_HOST (127.0.0.1), GIVRE_MAX_PAYLOAD_BYTES.`;

export async function runBroker(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  if (wantsHelp(argv)) return void console.log(HELP);
  const config = loadConfig(env);
  const logger = createLogger({ level: config.GIVRE_LOG_LEVEL, component: 'broker' });
  const broker = await createBroker({
    metrics: new MetricsRegistry(),
    logger,
    maxPayloadBytes: config.GIVRE_MAX_PAYLOAD_BYTES,
  });
  const { port } = await broker.listen(config.GIVRE_MQTT_PORT, config.GIVRE_BIND_HOST);
  logger.info(`MQTT listening on ${config.GIVRE_BIND_HOST}:${port}`);
  onShutdown(() => broker.close(), logger);
}
