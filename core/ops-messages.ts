import { z } from 'zod';
import { AlertEpisode, AlertTransition } from './alert-episode.ts';
import { VanId } from './ids.ts';
import { DeliveryRecord, PickupRecord } from './loads/date-marking.ts';
import { LoadEventType, LoadInput, LoadStatus, PartyId, ReceptionCheck } from './loads/load.ts';
import { AckReason, CONTRACT_VERSION } from './messages.ts';
import { VanState } from './van-state.ts';

const v = z.literal(CONTRACT_VERSION);
const instant = z
  .number()
  .int()
  .min(Date.UTC(2020, 0, 1))
  .max(Date.UTC(2100, 0, 1));
const who = z.string().trim().min(1).max(100);

/** `givre/v1/ops/alerts`: one stored transition (seq = its place in the state store's order). */
export const AlertNoticeMessage = z.strictObject({
  v,
  seq: z.number().int().min(1),
  episode: AlertEpisode,
  transition: AlertTransition,
});
export type AlertNoticeMessage = z.infer<typeof AlertNoticeMessage>;

/** `givre/v1/ops/fleet/{van}`: a van's latest state, at most about once a second per van. */
export const FleetStateMessage = z.strictObject({ v, state: VanState });
export type FleetStateMessage = z.infer<typeof FleetStateMessage>;

/** `givre/v1/ops/loads`: a load changed (created, edited, handed over, certificate issued). */
export const LoadChangedMessage = z.strictObject({
  v,
  loadId: z.string().min(1).max(64),
  van: VanId,
  recipient: PartyId,
  status: LoadStatus,
  /** The load's current certificate, once it has one. */
  certificateId: z.string().nullable(),
});
export type LoadChangedMessage = z.infer<typeof LoadChangedMessage>;

/** What a person did, sent by the dashboard to ingest, which owns every judgement (issue 9). */
export const Command = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('alert-ack'),
    alertId: z.string().min(1).max(64),
    by: who,
    reason: AckReason,
    text: z.string().max(500).optional(),
  }),
  z.strictObject({ type: z.literal('load-create'), input: LoadInput, by: who }),
  z.strictObject({
    type: z.literal('load-edit'),
    loadId: z.string().min(1).max(64),
    input: LoadInput,
    by: who,
  }),
  z.strictObject({
    type: z.literal('load-event'),
    loadId: z.string().min(1).max(64),
    event: LoadEventType,
    at: instant.optional(),
    by: who,
    reception: ReceptionCheck.optional(),
    /** With `picked-up` (issue 16); a dashboard from before sends none. */
    pickup: PickupRecord.optional(),
    /** With `delivered` or `rejected` (issue 16). */
    delivery: DeliveryRecord.optional(),
  }),
  z.strictObject({
    type: z.literal('gaps-declare-lost'),
    loadId: z.string().min(1).max(64),
    by: who,
    reason: z.string().trim().min(1).max(500),
  }),
]);
export type Command = z.infer<typeof Command>;

/** `givre/v1/ops/commands`: `id` makes a redelivered command idempotent; the reply goes to `replyTo`. */
export const CommandMessage = z.strictObject({
  v,
  id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'command id'),
  replyTo: VanId,
  /** Wall time the dashboard sent it, ms: when an event carries no time of its own. */
  sentAt: instant,
  command: Command,
});
export type CommandMessage = z.infer<typeof CommandMessage>;

/** What a command produced: ids to read back from the state store, which holds the truth. */
export const CommandResult = z.strictObject({
  alertId: z.string().optional(),
  loadId: z.string().optional(),
  certificateId: z.string().optional(),
});
export type CommandResult = z.infer<typeof CommandResult>;

/** `givre/v1/ops/replies/{client}`: the outcome of one command, with a coded error on refusal. */
export const CommandReply = z.discriminatedUnion('ok', [
  z.strictObject({ v, id: z.string(), ok: z.literal(true), result: CommandResult }),
  z.strictObject({
    v,
    id: z.string(),
    ok: z.literal(false),
    error: z.strictObject({ code: z.string().regex(/^GIVRE_ERR_[A-Z_]+$/), message: z.string().max(500) }),
  }),
]);
export type CommandReply = z.infer<typeof CommandReply>;
