import { OPS_COMMANDS_TOPIC, OPS_ROOT } from '../core/ops-topics.ts';
import { fleetFilter } from '../core/topics.ts';

/** One inbound message, as an intake hands it over. */
export interface Inbound {
  readonly topic: string;
  readonly payload: Uint8Array;
}

/**
 * Judges a group of inbound messages, in their order, as one (issue 14: group commit): resolves
 * once everything they stored is durable, in one commit per store, and for bad input among them
 * too (counted and dropped); rejects on a storage failure, and then none of them may be
 * acknowledged: the intake retries the whole group (ingest is idempotent on a van's seq).
 */
export type BatchHandler = (messages: readonly Inbound[]) => Promise<void>;

/**
 * Where ingest's inbound messages come from (issue 13): its MQTT subscription (ingest-service.ts:
 * `givre ingest`, or `givre start` on an external broker), or in `givre start` the embedded
 * broker itself (broker-intake.ts). Either feeds the handler one group at a time, in arrival
 * order (the subscription groups of one: MQTT.js hands over one message at a time; the broker's
 * what queued while the former group was handled), and acknowledges a message only after the
 * handler resolved on its group.
 */
export interface Intake {
  /** Starts feeding `handle`; what arrived before waits, unacknowledged. */
  start(handle: BatchHandler): Promise<void>;
  /** Stops feeding; a message not handled yet stays unacknowledged, so its sender keeps it. */
  stop(): Promise<void>;
}

/** Every van's inbound channels, and the dashboards' commands (issue 9). */
export const INTAKE_FILTERS: readonly string[] = [
  fleetFilter('telemetry'),
  fleetFilter('status'),
  fleetFilter('acks'),
  OPS_COMMANDS_TOPIC,
];

const PLUS = 43; // '+'
const SLASH = 47; // '/'

/**
 * Whether `topic` matches `filter`, whose only wildcard is `+` (one whole level, MQTT 3.1.1
 * §4.7.1.3). Character by character, allocating nothing: the broker asks for every publish.
 */
function matches(filter: string, topic: string): boolean {
  let t = 0;
  for (let f = 0; f < filter.length; f++) {
    const c = filter.charCodeAt(f);
    if (c === PLUS) {
      while (t < topic.length && topic.charCodeAt(t) !== SLASH) t++;
    } else if (t < topic.length && topic.charCodeAt(t) === c) t++;
    else return false;
  }
  return t === topic.length;
}

/** Whether an intake's message is a dashboard's command (command-handler.ts), not a van's. */
export function isCommandTopic(topic: string): boolean {
  return topic.startsWith(`${OPS_ROOT}/`);
}

/** Whether a publish on `topic` is ingest's to take (INTAKE_FILTERS). */
export function isIntakeTopic(topic: string): boolean {
  for (const filter of INTAKE_FILTERS) if (matches(filter, topic)) return true;
  return false;
}
