import { EventBus } from '../platform/event-bus.ts';
import type { LinkWill, VanLink } from './van-link.ts';

export interface SentMessage {
  topic: string;
  payload: string;
  retain: boolean;
  /** `true` when the "broker" published it as the van's last will. */
  will?: boolean;
}

/**
 * An in-memory stand-in for the broker connection, for unit tests of the van's logic (the real
 * `mqtt-link.ts` is tested against a real broker in test/firmware-sim.test.ts). It records
 * what the broker would have received, will included, and connects instantly.
 */
export function createMemoryLink(will: () => LinkWill) {
  const events = new EventBus<{ connect: undefined; message: { topic: string; payload: Buffer } }>();
  const sent: SentMessage[] = [];
  const subscriptions = new Set<string>();
  let connected = false;
  let closed = false;

  const connect = () => {
    connected = true;
    subscriptions.clear();
    events.emit('connect', undefined);
  };

  const link: VanLink = {
    async open() {
      queueMicrotask(connect);
      await new Promise<void>((resolve) => {
        const off = events.on('connect', () => {
          off();
          resolve();
        });
      });
    },
    connected: () => connected,
    async publish(topic, payload, options) {
      if (!connected) throw new Error('not connected');
      sent.push({ topic, payload, retain: options?.retain ?? false });
    },
    async subscribe(topic) {
      if (!connected) throw new Error('not connected');
      subscriptions.add(topic);
    },
    onConnect: (listener) => events.on('connect', listener),
    onMessage: (listener) => events.on('message', ({ topic, payload }) => listener(topic, payload)),
    cut() {
      if (!connected) return;
      connected = false;
      const w = will();
      sent.push({ topic: w.topic, payload: w.payload, retain: true, will: true });
    },
    restore() {
      if (!connected && !closed) queueMicrotask(connect);
    },
    async close() {
      connected = false;
      closed = true;
    },
  };

  return {
    link,
    sent,
    subscriptions,
    /** Delivers a message as if the broker forwarded it on a subscribed topic. */
    deliver(topic: string, payload: string | Buffer) {
      if (subscriptions.has(topic)) events.emit('message', { topic, payload: Buffer.from(payload) });
    },
  };
}

export type MemoryLink = ReturnType<typeof createMemoryLink>;
