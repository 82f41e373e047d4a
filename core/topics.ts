import { VanId } from './ids.ts';

/** Root of the version-1 topic tree. */
export const TOPIC_ROOT = 'givre/v1/vans';

export const CHANNELS = ['telemetry', 'status', 'alerts', 'acks', 'receipts'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The channels ingest publishes to a van (its in-cab alerts, the receipts of its readings); a van only reads them. */
export const flowsToVan = (channel: Channel): channel is 'alerts' | 'receipts' =>
  channel === 'alerts' || channel === 'receipts';

export interface VanTopic {
  van: string;
  channel: Channel;
}

/** `givre/v1/vans/{van}/{channel}`; throws on a van id that is not one topic level. */
export function vanTopic(van: string, channel: Channel): string {
  return `${TOPIC_ROOT}/${VanId.parse(van)}/${channel}`;
}

/** Subscription filter for one channel of every van, e.g. `givre/v1/vans/+/telemetry`. */
export function fleetFilter(channel: Channel): string {
  return `${TOPIC_ROOT}/+/${channel}`;
}

/** The van and channel a topic names, or `null` when the topic is not ours or is malformed. */
export function parseVanTopic(topic: string): Readonly<VanTopic> | null {
  const known = parsedTopics.get(topic);
  if (known) return known;
  const parsed = parseUncached(topic);
  if (parsed) {
    if (parsedTopics.size >= PARSED_TOPICS_MAX) parsedTopics.clear();
    parsedTopics.set(topic, parsed);
  }
  return parsed;
}

/**
 * Topics already parsed (issue 14: the broker and ingest each parse every message's, and the
 * van id's pattern was about 3 % of ingest's thread at one reading per message). Only good
 * topics are kept, frozen, and at most PARSED_TOPICS_MAX (a fleet has a few per van): past
 * that the cache is emptied and fills again, so a flood of made-up van ids holds no memory.
 */
const parsedTopics = new Map<string, Readonly<VanTopic>>();
const PARSED_TOPICS_MAX = 50_000;

function parseUncached(topic: string): Readonly<VanTopic> | null {
  const parts = topic.split('/');
  if (parts.length !== 5) return null;
  const [root1, root2, root3, van, channel] = parts as [string, string, string, string, string];
  if (`${root1}/${root2}/${root3}` !== TOPIC_ROOT) return null;
  if (!VanId.safeParse(van).success) return null;
  if (!(CHANNELS as readonly string[]).includes(channel)) return null;
  return Object.freeze({ van, channel: channel as Channel });
}
