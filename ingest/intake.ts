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
 * A dashboard's command comes as a group of its own, never beside other messages (Intake).
 */
export type BatchHandler = (messages: readonly Inbound[]) => Promise<void>;

/**
 * A group begun (issue 14): decoded, its write under way. `finish` judges it once `stored`
 * resolved, and the intake acknowledges the group once `finish` resolved; either rejecting is
 * a failure of the whole group, retried (group-runner.ts).
 */
export interface Staged {
  /** Resolves once the group's readings are durable; rejects on a storage failure. */
  readonly stored: Promise<unknown>;
  /** Judges the group (the rules, the state, the events): after `stored`, in group order. */
  finish(): Promise<void>;
}

/**
 * A handler in two stages (issue 14): its `begin` sends a group's write, so that the store may
 * commit it while the group before is judged (group-runner.ts); ingest's (message-handler.ts).
 */
export interface StagedHandler {
  begin(messages: readonly Inbound[]): Staged;
}

/** What an intake feeds: a whole-group function, or a staged handler. */
export type GroupHandler = BatchHandler | StagedHandler;

/**
 * Where ingest's inbound messages come from (issue 13): its MQTT subscription (`givre ingest`,
 * or `givre start` on an external broker: the pipelining intake, mqtt-intake.ts, over `mqtt://`
 * and `mqtts://`; ingest-service.ts over WebSocket), or in `givre start` the embedded broker
 * itself (broker-intake.ts). Each feeds the handler one group at a time, in arrival order, a
 * dashboard's command always as a group of its own (GroupQueue's `take`; over MQTT.js every
 * group is one message anyway), and acknowledges a message only after the handler resolved on
 * its group.
 */
export interface Intake {
  /** Starts feeding `handle`; what arrived before waits, unacknowledged. */
  start(handle: GroupHandler): Promise<void>;
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

/**
 * A group's bounds (issue 14), in every intake: at most this many messages, and this many
 * payload bytes (about 6 000 readings of a van's ~85 bytes of JSON each), but at least one
 * message, however large. A commit costs about 50 µs whatever its size, so beyond a few hundred
 * messages or a few thousand readings a group saves little more, while every acknowledgement in
 * it waits for the whole group, and the process does nothing else meanwhile: judging a group is
 * synchronous, about 14 µs a reading, so the byte bound keeps one group under about 0.1 s (the
 * InfluxDB writer's answers, keepalives and the dashboards' sockets wait no longer than that).
 */
export const GROUP_MAX_MESSAGES = 1_000;
export const GROUP_MAX_BYTES = 512 * 1024;
/** Past this many taken entries at the head of a queue, they are cut off (amortised O(1)). */
const COMPACT_AFTER = 1_024;

/**
 * The FIFO an intake holds its messages in until the handler takes them (issue 14: group
 * commit), and the one place where a group is cut.
 */
export interface GroupQueue<T extends Inbound> {
  /** Messages queued and not taken yet. */
  readonly length: number;
  push(message: T): void;
  /**
   * Takes the next group off the head, in arrival order: everything queued up to
   * GROUP_MAX_MESSAGES / GROUP_MAX_BYTES, at least one message; empty only when nothing is
   * queued. A dashboard's command (isCommandTopic) ends the group before it and is a group of
   * its own: commands and the vans' messages are judged in the one order of intake, and a group
   * retried after a storage failure never holds a command, so none is carried out twice.
   */
  take(): T[];
  /**
   * As `take`, but when that group would empty the queue, only its first half (rounded up):
   * the rest stays queued, for a group to be begun behind it (group-runner.ts).
   */
  takeHalf(): T[];
  /** Empties the queue: returns what was queued and not taken, in arrival order. */
  clear(): T[];
}

export function createGroupQueue<T extends Inbound>(): GroupQueue<T> {
  // Taken entries are cleared to undefined at once (their payloads freed), cut off in bulk.
  let queue: Array<T | undefined> = [];
  let head = 0;
  const compact = () => {
    if (head === queue.length) {
      queue.length = 0;
      head = 0;
    } else if (head >= COMPACT_AFTER) {
      queue = queue.slice(head);
      head = 0;
    }
  };
  /** The next group (see `take`); with `half`, its first half when it would empty the queue. */
  const takeUpTo = (half: boolean): T[] => {
    if (head === queue.length) return [];
    let end = head + 1; // the group is queue[head, end)
    if (!isCommandTopic(queue[head]!.topic)) {
      let bytes = queue[head]!.payload.byteLength;
      while (end < queue.length && end - head < GROUP_MAX_MESSAGES) {
        const next = queue[end]!;
        if (isCommandTopic(next.topic) || bytes + next.payload.byteLength > GROUP_MAX_BYTES) break;
        bytes += next.payload.byteLength;
        end++;
      }
    }
    if (half && end === queue.length) end = head + Math.ceil((end - head) / 2);
    const group = queue.slice(head, end) as T[];
    queue.fill(undefined, head, end);
    head = end;
    compact();
    return group;
  };
  return {
    get length() {
      return queue.length - head;
    },
    push(message) {
      queue.push(message);
    },
    take: () => takeUpTo(false),
    takeHalf: () => takeUpTo(true),
    clear() {
      const rest = queue.slice(head) as T[];
      queue = [];
      head = 0;
      return rest;
    },
  };
}
