// Raw limit (issue 14): an MQTT subscriber that only counts the telemetry messages a broker
// relays to it (QoS 1, MQTT.js acknowledging each). argv[2]: broker URL. Over IPC: `ready`
// once subscribed, then answers `count` with the messages received so far.
import mqtt from 'mqtt';
import { fleetFilter } from '../core/topics.ts';

const client = await mqtt.connectAsync(process.argv[2] ?? '', {
  clientId: 'bench-counter',
  reconnectPeriod: 0,
});
let messages = 0;
client.on('message', () => (messages += 1));
await client.subscribeAsync(fleetFilter('telemetry'), { qos: 1 });
process.on('message', () => process.send?.({ type: 'count', messages }));
process.send?.({ type: 'ready' });
process.once('SIGTERM', () => void client.endAsync(true).then(() => process.exit(0)));
