import mqtt, { type MqttClient } from 'mqtt';

/** A plain MQTT.js client for tests, connected before it is returned (`auth`: issue 4 credentials). */
export async function connectClient(
  url: string,
  clientId?: string,
  auth?: { username: string; password: string },
): Promise<MqttClient> {
  return mqtt.connectAsync(url, {
    ...(clientId ? { clientId } : {}),
    ...(auth ?? {}),
    reconnectPeriod: 0,
    connectTimeout: 5_000,
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
