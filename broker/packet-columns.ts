/**
 * How broker.db keeps an MQTT packet (issue 13): the fields aedes reads on the hot path in
 * columns of their own, so that queueing a van's message costs one row of a few values and
 * no JSON; whatever else a packet carries (an MQTT 5 `properties`, `nl`, `messageExpiry`, a
 * field a test added) in `extra`, as JSON, NULL for every packet of an MQTT 3.1.1 client.
 * A NULL column is a field the packet did not have, so a packet comes back with the fields
 * it went in with — which the upstream conformance suite (aedes-persistence `abstract.js`)
 * checks field by field.
 */
export interface PacketColumns {
  cmd: string | null;
  topic: string | null;
  /** A Buffer stays a BLOB and a string a TEXT: the column has no type affinity. */
  payload: Buffer | string | null;
  qos: number | null;
  retain: 0 | 1 | null;
  dup: 0 | 1 | null;
  /** `clientId`: who published it (aedes sets it while routing; a will carries its owner's). */
  sender: string | null;
  broker_id: string | null;
  broker_counter: number | null;
  message_id: number | null;
  extra: string | null;
}

/** Each column and its type; `payload` is BLOB, which converts nothing. */
const COLUMN_TYPES: Record<keyof PacketColumns, 'TEXT' | 'BLOB' | 'INTEGER'> = {
  cmd: 'TEXT',
  topic: 'TEXT',
  payload: 'BLOB',
  qos: 'INTEGER',
  retain: 'INTEGER',
  dup: 'INTEGER',
  sender: 'TEXT',
  broker_id: 'TEXT',
  broker_counter: 'INTEGER',
  message_id: 'INTEGER',
  extra: 'TEXT',
};
const PACKET_COLUMNS = Object.keys(COLUMN_TYPES);

/** The packet's columns for a CREATE TABLE (broker-db.ts). */
export const PACKET_COLUMNS_DDL = Object.entries(COLUMN_TYPES)
  .map(([name, type]) => `${name} ${type}`)
  .join(', ');

/** `cmd, topic, …` for a SELECT or an INSERT's column list. */
export const PACKET_COLUMN_LIST = PACKET_COLUMNS.join(', ');
/** `@cmd, @topic, …` for an INSERT's values, bound from a `PacketColumns`. */
export const PACKET_PARAMS = PACKET_COLUMNS.map((c) => `@${c}`).join(', ');

/** What a packet is to this module: aedes' packets are plain objects of these fields and more. */
export type AnyPacket = Record<string, unknown>;

const IN_COLUMNS = new Set([
  'cmd',
  'topic',
  'payload',
  'qos',
  'retain',
  'dup',
  'clientId',
  'brokerId',
  'brokerCounter',
  'messageId',
]);

/** A boolean as SQLite keeps it: 0 or 1, NULL when absent. */
export const flag = (v: unknown): 0 | 1 | null => (v === undefined || v === null ? null : v ? 1 : 0);
const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

/** JSON keeps a Buffer as `{ type: 'Buffer', data: [...] }` (an MQTT 5 correlation data); this brings it back. */
function reviveBuffers(_key: string, value: unknown): unknown {
  if (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'Buffer' &&
    Array.isArray((value as { data?: unknown }).data)
  )
    return Buffer.from((value as { data: number[] }).data);
  return value;
}

export function packetColumns(packet: AnyPacket): PacketColumns {
  let extra: AnyPacket | undefined;
  for (const key of Object.keys(packet)) {
    const value = packet[key];
    if (IN_COLUMNS.has(key) || value === undefined || typeof value === 'function') continue;
    (extra ??= {})[key] = value;
  }
  const payload = packet['payload'];
  return {
    cmd: orNull(packet['cmd'] as string | undefined),
    topic: orNull(packet['topic'] as string | undefined),
    payload: payload === undefined || payload === null ? null : (payload as Buffer | string),
    qos: orNull(packet['qos'] as number | undefined),
    retain: flag(packet['retain']),
    dup: flag(packet['dup']),
    sender: orNull(packet['clientId'] as string | undefined),
    broker_id: orNull(packet['brokerId'] as string | undefined),
    broker_counter: orNull(packet['brokerCounter'] as number | undefined),
    message_id: orNull(packet['messageId'] as number | undefined),
    extra: extra ? JSON.stringify(extra) : null,
  };
}

/** The packet a row holds: only the fields it had. */
export function packetOf(row: PacketColumns): AnyPacket {
  const packet: AnyPacket = {};
  if (row.cmd !== null) packet['cmd'] = row.cmd;
  if (row.topic !== null) packet['topic'] = row.topic;
  if (row.payload !== null) packet['payload'] = row.payload;
  if (row.qos !== null) packet['qos'] = row.qos;
  if (row.retain !== null) packet['retain'] = row.retain === 1;
  if (row.dup !== null) packet['dup'] = row.dup === 1;
  if (row.sender !== null) packet['clientId'] = row.sender;
  if (row.broker_id !== null) packet['brokerId'] = row.broker_id;
  if (row.broker_counter !== null) packet['brokerCounter'] = row.broker_counter;
  if (row.message_id !== null) packet['messageId'] = row.message_id;
  if (row.extra !== null) Object.assign(packet, JSON.parse(row.extra, reviveBuffers) as AnyPacket);
  return packet;
}
