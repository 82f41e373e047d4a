/**
 * The Node-RED flow a user would build instead of Givre (DESIGN.md §8): `mqtt in` (QoS 1) →
 * function (batch → one point per temperature) → `join` (5 000 points or 1 s) →
 * `influxdb batch` (node-red-contrib-influxdb). No validation, no de-duplication, no rules.
 * The broker connection keeps Node-RED's keepalive (60 s). MQTT.js 5.15 (in Node-RED 4.1)
 * reschedules its keepalive only on acknowledgements it receives, never on the PUBLISHes
 * flowing in, so a subscriber that only receives pings at 60 s and gives up at 90 s if the
 * answer has not been handled; behind a backlog Node-RED was seen to drop the connection about
 * 90 s after connecting ("Disconnected from broker" on the bench's stderr). With Node-RED's
 * default clean session Mosquitto then discards what it held for it; so the fair peer, as
 * anyone running a data pipeline would, keeps a persistent session (`persistentSession`, as
 * Givre's ingest does) and gets its queue back on reconnecting. The dropping peer keeps the
 * defaults, clean session included.
 */
export function peerFlow(options: {
  mqttPort: number;
  influxPort: number;
  database: string;
  persistentSession: boolean;
}): unknown[] {
  const toPoints = `
const batch = msg.payload;
if (!batch || !Array.isArray(batch.readings)) return null;
return [batch.readings
  .filter((r) => r.kind === 'temperature')
  .map((r) => ({ payload: {
    measurement: 'temperature',
    tags: { van: batch.van, compartment: r.compartment, sensor: r.sensor },
    fields: { celsius: r.celsius, seq: r.seq },
    timestamp: new Date(r.ts),
  } }))];`;
  return [
    { id: 'peer-tab', type: 'tab', label: 'peer pipeline' },
    {
      id: 'peer-broker',
      type: 'mqtt-broker',
      name: 'mosquitto',
      broker: '127.0.0.1',
      port: String(options.mqttPort),
      clientid: 'peer-node-red',
      autoConnect: true,
      usetls: false,
      protocolVersion: '4',
      keepalive: '60',
      cleansession: !options.persistentSession,
    },
    {
      id: 'peer-influx',
      type: 'influxdb',
      hostname: '127.0.0.1',
      port: String(options.influxPort),
      protocol: 'http',
      database: options.database,
      name: 'influxdb',
      usetls: false,
      influxdbVersion: '1.x',
    },
    {
      id: 'peer-in',
      type: 'mqtt in',
      z: 'peer-tab',
      topic: 'givre/v1/vans/+/telemetry',
      qos: '1',
      datatype: 'json',
      broker: 'peer-broker',
      nl: false,
      rap: true,
      rh: 0,
      inputs: 0,
      wires: [['peer-fn']],
    },
    {
      id: 'peer-fn',
      type: 'function',
      z: 'peer-tab',
      name: 'to points',
      func: toPoints,
      outputs: 1,
      wires: [['peer-join']],
    },
    {
      id: 'peer-join',
      type: 'join',
      z: 'peer-tab',
      mode: 'custom',
      build: 'array',
      property: 'payload',
      propertyType: 'msg',
      key: 'topic',
      joiner: '\\n',
      joinerType: 'str',
      accumulate: false,
      timeout: '1',
      count: '5000',
      reduceRight: false,
      wires: [['peer-out']],
    },
    {
      id: 'peer-out',
      type: 'influxdb batch',
      z: 'peer-tab',
      influxdb: 'peer-influx',
      precision: 'ms',
      retentionPolicy: '',
      wires: [],
    },
  ];
}
