import type { Logger } from './logger.ts';

/**
 * A feature of a service (Zigbee2MQTT's extension shape): `start` begins its work (listeners,
 * timers, connections), `stop` ends it and removes every listener it added.
 */
export interface Feature {
  readonly name: string;
  start(): void | Promise<void>;
  stop(): void | Promise<void>;
}

/**
 * Starts features in the order given and returns the function that stops them in reverse
 * order. A feature that fails to start stops those already started, then the error goes on.
 * A feature that fails to stop is logged and the others still stop.
 */
export async function startFeatures(
  features: readonly Feature[],
  logger: Logger,
): Promise<() => Promise<void>> {
  const started: Feature[] = [];
  const stop = async () => {
    for (const feature of started.splice(0).reverse()) {
      try {
        await feature.stop();
      } catch (err) {
        logger.error(`error while stopping ${feature.name}`, { error: (err as Error).message });
      }
    }
  };
  try {
    for (const feature of features) {
      await feature.start();
      started.push(feature);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return stop;
}

/** A feature made of two functions, for the small ones. */
export function feature(
  name: string,
  start: Feature['start'],
  stop: Feature['stop'] = () => undefined,
): Feature {
  return { name, start, stop };
}
