import mqtt, { type MqttClient } from 'mqtt';
import { EventBus } from '../platform/event-bus.ts';
import type { Logger } from '../platform/logger.ts';
import type { LinkWill, VanLink } from './van-link.ts';

export interface MqttLinkOptions {
  url: string;
  clientId: string;
  username?: string;
  password?: string;
  will: () => LinkWill;
  logger: Logger;
  /** Wait between redials after a real network error, ms. */
  reconnectPeriodMs?: number;
  /** Longest wait for a clean DISCONNECT at close before the socket is destroyed, ms. */
  closeTimeoutMs?: number;
}

interface LinkEvents {
  connect: undefined;
  message: { topic: string; payload: Buffer };
}

/** A `VanLink` over MQTT.js v5: clean sessions, QoS 1, a retained last will. */
export function createMqttLink(options: MqttLinkOptions): VanLink {
  const events = new EventBus<LinkEvents>();
  const inFlight = new Set<(error: Error) => void>();
  let client: MqttClient | undefined;
  /** Clients being ended on purpose (stop, a cut): a write racing their end is no fault to report. */
  const ending = new WeakSet<MqttClient>();

  const failInFlight = (why: string) => {
    for (const reject of inFlight) reject(new Error(why));
    inFlight.clear();
  };

  const dial = (): MqttClient => {
    const will = options.will();
    const c = mqtt.connect(options.url, {
      clientId: options.clientId,
      clean: true,
      resubscribe: false,
      reconnectPeriod: options.reconnectPeriodMs ?? 1000,
      ...(options.username !== undefined ? { username: options.username } : {}),
      ...(options.password !== undefined ? { password: options.password } : {}),
      will: { topic: will.topic, payload: Buffer.from(will.payload), qos: 1, retain: true },
    });
    c.on('connect', () => events.emit('connect', undefined));
    c.on('message', (topic, payload) => events.emit('message', { topic, payload }));
    c.on('error', (err) => {
      if (ending.has(c)) return;
      options.logger.rateLimited('mqtt-error', 'warn', 'MQTT connection error', { error: err.message });
    });
    return c;
  };

  const endNow = (c: MqttClient) => {
    ending.add(c);
    return new Promise<void>((resolve) => c.end(true, {}, () => resolve()));
  };

  return {
    open() {
      if (client) return Promise.resolve();
      const c = dial();
      client = c;
      return new Promise<void>((resolve, reject) => {
        const onConnect = () => {
          c.off('error', onError);
          resolve();
        };
        const onError = (err: Error) => {
          c.off('connect', onConnect);
          client = undefined;
          void endNow(c);
          reject(new Error(`cannot connect to ${options.url}: ${err.message}`));
        };
        c.once('connect', onConnect);
        c.once('error', onError);
      });
    },
    connected: () => client?.connected ?? false,
    publish(topic, payload, publishOptions) {
      const c = client;
      if (!c) return Promise.reject(new Error('not connected'));
      return new Promise<void>((resolve, reject) => {
        inFlight.add(reject);
        c.publish(topic, payload, { qos: 1, retain: publishOptions?.retain ?? false }, (err) => {
          inFlight.delete(reject);
          if (err) reject(err);
          else resolve();
        });
      });
    },
    async subscribe(topic) {
      const c = client;
      if (!c) throw new Error('not connected');
      await c.subscribeAsync(topic, { qos: 1 });
    },
    onConnect: (listener) => events.on('connect', listener),
    onMessage: (listener) => events.on('message', ({ topic, payload }) => listener(topic, payload)),
    cut() {
      const c = client;
      client = undefined;
      if (c) void endNow(c); // forced: no DISCONNECT packet, so the broker sends the will
      failInFlight('network cut');
    },
    restore() {
      if (!client) client = dial();
    },
    async close() {
      const c = client;
      client = undefined;
      if (!c) return;
      const deadline = Date.now() + (options.closeTimeoutMs ?? 2000);
      ending.add(c);
      // What is in flight may get its PUBACK within the time given. MQTT.js's own graceful end
      // would wait for it for ever, and a forced end once that one started does nothing, so a
      // van stopped while reconnecting with a message in flight never exited: end gracefully
      // only with nothing in flight on a live connection, else force.
      while (inFlight.size > 0 && c.connected && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      if (inFlight.size > 0 || !c.connected) await endNow(c);
      else {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const clean = new Promise<void>((resolve) => c.end(false, {}, () => resolve()));
        const late = new Promise<'late'>(
          (resolve) => (timer = setTimeout(() => resolve('late'), Math.max(0, deadline - Date.now()))),
        );
        if ((await Promise.race([clean, late])) === 'late') c.stream.destroy();
        clearTimeout(timer);
      }
      failInFlight('closed');
    },
  };
}
