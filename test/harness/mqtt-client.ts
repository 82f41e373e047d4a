import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';

/**
 * A plain MQTT.js client for tests, connected before it is returned (`auth`: issue 4
 * credentials); no reconnection unless `options.reconnectPeriod` (ms) says how often to try again.
 */
export async function connectClient(
  url: string,
  clientId?: string,
  auth?: { username: string; password: string },
  options: Pick<IClientOptions, 'reconnectPeriod'> = {},
): Promise<MqttClient> {
  return mqtt.connectAsync(url, {
    ...(clientId ? { clientId } : {}),
    ...(auth ?? {}),
    reconnectPeriod: 0,
    connectTimeout: 5_000,
    ...options,
  });
}

const t0 = Date.UTC(2026, 10, 26, 19, 0, 0);

/** A valid telemetry batch of `count` chilled-compartment temperatures starting at `firstSeq`. */
export function temperatureBatch(van: string, firstSeq: number, count = 1, startTs = t0) {
  return {
    v: 1 as const,
    van,
    readings: Array.from({ length: count }, (_, i) => ({
      seq: firstSeq + i,
      ts: startTs + (firstSeq + i) * 30_000,
      kind: 'temperature' as const,
      compartment: 'chilled',
      sensor: `${van}-T1`,
      celsius: Math.round((2 + (i % 10) / 10) * 10) / 10,
    })),
  };
}

/**
 * A van signing in with its own credentials, as its firmware would; no reconnection unless
 * `options.reconnectPeriod` (ms) says how often to try again.
 */
export const connectAsVan = (
  url: string,
  van: string,
  password: string,
  options: Pick<IClientOptions, 'reconnectPeriod'> = {},
): Promise<MqttClient> =>
  mqtt.connectAsync(url, {
    username: van,
    password,
    clientId: van,
    reconnectPeriod: 0,
    connectTimeout: 5_000,
    ...options,
  });

/** The CONNACK return code of a connection attempt: 0 when accepted (the client is then ended). */
export const connackCode = (attempt: Promise<MqttClient>): Promise<number | undefined> =>
  attempt.then(
    (client) => (client.end(true), 0),
    (err: { code?: number }) => err.code,
  );
