import { z } from 'zod';
import { AckMessage, TelemetryBatch, VanStatus } from './messages.ts';
import { flowsToVan, parseVanTopic } from './topics.ts';

/** Why an incoming message was refused; each is a label of `givre_ingest_rejected_total`. */
export const REJECT_REASONS = [
  'bad-topic',
  'oversize',
  'bad-json',
  'schema',
  'van-mismatch',
  'not-inbound',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export type Decoded =
  | { ok: true; channel: 'telemetry'; van: string; message: TelemetryBatch }
  | { ok: true; channel: 'status'; van: string; message: VanStatus }
  | { ok: true; channel: 'acks'; van: string; message: AckMessage };

export interface Rejected {
  ok: false;
  reason: RejectReason;
  /** One line for the log, never the payload itself (it may be huge or hostile). */
  detail: string;
  van?: string;
}

export type DecodeResult = Decoded | Rejected;

/** Default largest payload accepted, bytes (a full 5 000-reading batch is ~600 KiB). */
export const DEFAULT_MAX_PAYLOAD_BYTES = 768 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The van channels' schemas as zod compiles them (`z.compile`, issue 14): the same schemas,
 * checked by generated code. A van's message is checked without being copied (`validate`:
 * none of these schemas transforms, so what passes is the message as parsed), under 0.1 µs a
 * reading against 1.2–1.5 for the runtime parser; the runtime parser gives the issue of one
 * it refuses. Same verdicts, same issues (decode.test.ts compares them).
 */
export const VAN_SCHEMAS = {
  telemetry: z.compile(TelemetryBatch),
  status: z.compile(VanStatus),
  acks: z.compile(AckMessage),
} as const;

/**
 * Decodes one MQTT message arriving from a van. Never throws: every failure is a `Rejected`
 * with a reason, so that one bad message is counted and dropped and never blocks the rest.
 */
export function decodeVanMessage(
  topic: string,
  payload: Uint8Array,
  maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES,
): DecodeResult {
  const parsedTopic = parseVanTopic(topic);
  if (!parsedTopic)
    return { ok: false, reason: 'bad-topic', detail: `not a givre/v1 van topic: ${clip(topic)}` };
  const { van, channel } = parsedTopic;
  if (flowsToVan(channel)) {
    return { ok: false, reason: 'not-inbound', detail: `${channel} flow to vans, not from them`, van };
  }
  const json = parsePayload(payload, maxPayloadBytes);
  if (!json.ok) return { ...json, van };
  const schema = VAN_SCHEMAS[channel];
  if (!schema.validate(json.value)) return { ...schemaRejection(schema.safeParse(json.value).error), van };
  const message = json.value as { van: string };
  if (message.van !== van) {
    return {
      ok: false,
      reason: 'van-mismatch',
      detail: `payload says ${message.van} on ${van}'s topic`,
      van,
    };
  }
  return { ok: true, channel, van, message } as Decoded;
}

/**
 * Size, UTF-8 JSON and schema checks of one payload, shared by every decoder (van and
 * internal topics). Never throws.
 */
export function decodePayload<T>(
  payload: Uint8Array,
  schema: z.ZodType<T>,
  maxPayloadBytes: number,
): { ok: true; value: T } | Rejected {
  const json = parsePayload(payload, maxPayloadBytes);
  if (!json.ok) return json;
  const parsed = schema.safeParse(json.value);
  return parsed.success ? { ok: true, value: parsed.data } : schemaRejection(parsed.error);
}

/** Size and UTF-8 JSON checks of one payload. Never throws. */
function parsePayload(payload: Uint8Array, maxPayloadBytes: number): { ok: true; value: unknown } | Rejected {
  if (payload.byteLength > maxPayloadBytes) {
    return {
      ok: false,
      reason: 'oversize',
      detail: `${payload.byteLength} bytes > limit ${maxPayloadBytes}`,
    };
  }
  try {
    return { ok: true, value: JSON.parse(utf8.decode(payload)) };
  } catch (err) {
    return { ok: false, reason: 'bad-json', detail: (err as Error).message.slice(0, 120) };
  }
}

/** A schema's refusal as one line: where, and the first issue. */
function schemaRejection(error: z.ZodError | undefined): Rejected {
  const issue = error?.issues[0];
  const where = issue?.path.join('.') ?? '';
  return { ok: false, reason: 'schema', detail: `${where || '(root)'}: ${issue?.message ?? 'invalid'}` };
}

export function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
