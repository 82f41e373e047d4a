import mqtt, { type MqttClient } from 'mqtt';
import { decodeVanMessage } from '../core/decode.ts';
import { fleetFilter } from '../core/topics.ts';
import type { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';
import type { Logger } from '../platform/logger.ts';

/**
 * When the dashboard runs as a service of its own (`givre dashboard`), it follows the fleet
 * by subscribing to the broker itself: telemetry and retained status, decoded with the same
 * contract as ingest, fed to the same bus events. It stores nothing; ingest does.
 */
export function createMqttFleetFeed(options: {
  url: string;
  username?: string;
  password?: string;
  bus: EventBus<GivreEvents>;
  logger: Logger;
  maxPayloadBytes: number;
}) {
  let client: MqttClient | null = null;
  return {
    async start(): Promise<void> {
      client = await mqtt.connectAsync(options.url, {
        clientId: `givre-dashboard-${process.pid}`,
        clean: true,
        reconnectPeriod: 1_000,
        ...(options.username ? { username: options.username } : {}),
        ...(options.password ? { password: options.password } : {}),
      });
      client.on('message', (topic, payload) => {
        const decoded = decodeVanMessage(topic, payload, options.maxPayloadBytes);
        if (!decoded.ok) return; // ingest counts rejections; the live view just ignores them
        if (decoded.channel === 'telemetry') {
          options.bus.emit('readings-stored', { van: decoded.van, readings: decoded.message.readings });
        } else if (decoded.channel === 'status') options.bus.emit('van-status', decoded.message);
      });
      client.on('error', (err) =>
        options.logger.rateLimited('feed-error', 'warn', 'broker error', { error: err.message }),
      );
      await client.subscribeAsync({
        [fleetFilter('telemetry')]: { qos: 0 },
        [fleetFilter('status')]: { qos: 1 },
      });
    },
    async stop(): Promise<void> {
      await client?.endAsync(true);
      client = null;
    },
    connected: () => client?.connected === true,
  };
}
