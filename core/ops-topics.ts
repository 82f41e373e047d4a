import { VanId } from './ids.ts';

/**
 * The internal topic namespace, version 1 (issue 9): what the services tell each other on
 * the broker every deployment already has. Only the service credential may publish or
 * subscribe here (broker/device-access-policy.ts); vans get nothing.
 *
 * | topic                            | from → to             | payload (core/ops-messages.ts) |
 * |----------------------------------|-----------------------|--------------------------------|
 * | `givre/v1/ops/alerts`            | ingest → dashboards   | AlertNoticeMessage             |
 * | `givre/v1/ops/fleet/{van}`       | ingest → dashboards   | FleetStateMessage              |
 * | `givre/v1/ops/loads`             | ingest → dashboards   | LoadChangedMessage             |
 * | `givre/v1/ops/commands`          | dashboard → ingest    | CommandMessage                 |
 * | `givre/v1/ops/replies/{client}`  | ingest → one dashboard| CommandReply                   |
 */
export const OPS_ROOT = 'givre/v1/ops';

export const OPS_ALERTS_TOPIC = `${OPS_ROOT}/alerts`;
export const OPS_LOADS_TOPIC = `${OPS_ROOT}/loads`;
export const OPS_COMMANDS_TOPIC = `${OPS_ROOT}/commands`;
export const OPS_FLEET_FILTER = `${OPS_ROOT}/fleet/+`;

/** A dashboard's reply address: one topic level, like a van id. */
export const ClientId = VanId;

export function fleetTopic(van: string): string {
  return `${OPS_ROOT}/fleet/${VanId.parse(van)}`;
}

export function replyTopic(client: string): string {
  return `${OPS_ROOT}/replies/${ClientId.parse(client)}`;
}

export type OpsTopic =
  | { kind: 'alerts' }
  | { kind: 'loads' }
  | { kind: 'commands' }
  | { kind: 'fleet'; van: string }
  | { kind: 'replies'; client: string };

/** What an internal topic names, or `null` when it is not one of ours. */
export function parseOpsTopic(topic: string): OpsTopic | null {
  if (!topic.startsWith(`${OPS_ROOT}/`)) return null;
  const rest = topic.slice(OPS_ROOT.length + 1).split('/');
  if (rest.length === 1) {
    const [kind] = rest as [string];
    if (kind === 'alerts' || kind === 'loads' || kind === 'commands') return { kind };
    return null;
  }
  if (rest.length !== 2) return null;
  const [kind, id] = rest as [string, string];
  if (!VanId.safeParse(id).success) return null;
  if (kind === 'fleet') return { kind, van: id };
  if (kind === 'replies') return { kind, client: id };
  return null;
}
