import type { z } from 'zod';
import { clip, decodePayload, type Rejected } from './decode.ts';
import {
  AlertNoticeMessage,
  CommandMessage,
  CommandReply,
  FleetStateMessage,
  LoadChangedMessage,
} from './ops-messages.ts';
import { parseOpsTopic } from './ops-topics.ts';

export type OpsDecoded =
  | { ok: true; kind: 'alerts'; message: AlertNoticeMessage }
  | { ok: true; kind: 'fleet'; van: string; message: FleetStateMessage }
  | { ok: true; kind: 'loads'; message: LoadChangedMessage }
  | { ok: true; kind: 'commands'; message: CommandMessage }
  | { ok: true; kind: 'replies'; client: string; message: CommandReply };

const SCHEMAS: Record<OpsDecoded['kind'], z.ZodType> = {
  alerts: AlertNoticeMessage,
  fleet: FleetStateMessage,
  loads: LoadChangedMessage,
  commands: CommandMessage,
  replies: CommandReply,
};

/**
 * Decodes one message of the internal namespace (core/ops-topics.ts) with the same checks
 * and reasons as a van's message (core/decode.ts): never throws, so a bad one is counted and
 * dropped and never blocks the others.
 */
export function decodeOpsMessage(
  topic: string,
  payload: Uint8Array,
  maxPayloadBytes: number,
): OpsDecoded | Rejected {
  const parsedTopic = parseOpsTopic(topic);
  if (!parsedTopic)
    return { ok: false, reason: 'bad-topic', detail: `not a givre/v1/ops topic: ${clip(topic)}` };
  const parsed = decodePayload(payload, SCHEMAS[parsedTopic.kind], maxPayloadBytes);
  if (!parsed.ok) return parsed;
  if (parsedTopic.kind === 'fleet') {
    const message = parsed.value as FleetStateMessage;
    if (message.state.van !== parsedTopic.van)
      return {
        ok: false,
        reason: 'van-mismatch',
        detail: `payload says ${message.state.van} on ${parsedTopic.van}'s topic`,
        van: parsedTopic.van,
      };
    return { ok: true, kind: 'fleet', van: parsedTopic.van, message };
  }
  if (parsedTopic.kind === 'replies')
    return { ok: true, kind: 'replies', client: parsedTopic.client, message: parsed.value as CommandReply };
  return { ok: true, kind: parsedTopic.kind, message: parsed.value } as OpsDecoded;
}
