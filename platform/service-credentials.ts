import type { Config } from './config.ts';

/** Username the Givre services (ingest, dashboard) present when GIVRE_MQTT_USERNAME is unset. */
export const DEFAULT_SERVICE_USERNAME = 'givre-service';

/** An MQTT username and password (a van's, or the services' shared one). */
export interface Credentials {
  username: string;
  password: string;
}

/** What ingest and the dashboard present to the broker: GIVRE_MQTT_USERNAME / GIVRE_MQTT_PASSWORD, when set. */
export function serviceCredentials(config: Config): Credentials | undefined {
  if (!config.GIVRE_MQTT_PASSWORD) return undefined;
  return {
    username: config.GIVRE_MQTT_USERNAME ?? DEFAULT_SERVICE_USERNAME,
    password: config.GIVRE_MQTT_PASSWORD,
  };
}
