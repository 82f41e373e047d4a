import type { Config } from './config.ts';

/** What ingest and the dashboard present to the broker: GIVRE_MQTT_USERNAME / GIVRE_MQTT_PASSWORD, when set. */
export function serviceCredentials(config: Config): { username: string; password: string } | undefined {
  if (!config.GIVRE_MQTT_PASSWORD) return undefined;
  return { username: config.GIVRE_MQTT_USERNAME ?? 'givre-service', password: config.GIVRE_MQTT_PASSWORD };
}
