import { AckMessage, AlertMessage, CONTRACT_VERSION, type AckReason } from '../core/messages.ts';

/** An alert for this van from its alerts topic, or `null` for anything else (ignored). */
export function decodeAlert(van: string, payload: Buffer): AlertMessage | null {
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch {
    return null;
  }
  const parsed = AlertMessage.safeParse(json);
  return parsed.success && parsed.data.van === van ? parsed.data : null;
}

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
