import { AckMessage, AlertMessage, CONTRACT_VERSION, type AckReason } from '../core/messages.ts';
import { decodeForVan } from './decode-for-van.ts';

/** An alert for this van from its alerts topic, or `null` for anything else (ignored). */
export const decodeAlert = (van: string, payload: Buffer): AlertMessage | null =>
  decodeForVan(AlertMessage, van, payload);

/** What the cab sends when the driver presses "acknowledge"; throws on a reason not in the contract. */
export function ackMessage(
  van: string,
  alertId: string,
  reason: AckReason,
  ts: number,
  text?: string,
): AckMessage {
  return AckMessage.parse({
    v: CONTRACT_VERSION,
    van,
    alertId,
    reason,
    ...(text !== undefined ? { text } : {}),
    ts,
  });
}
