import type { AlertTransition } from '../alert-episode.ts';

/** Where an alert transition is delivered besides the dashboards (which replay the store by seq). */
export type DeliveryChannel = 'webhook' | 'van';

/**
 * A delivery's stable id: the transition's seq (unique and never reused in an installation's
 * state store: AUTOINCREMENT) and the channel. Sent with every attempt, so that a receiver
 * that got the same delivery twice (at least once: a crash between its answer and our
 * record of it) can tell and keep one — e.g. `42.webhook`.
 */
export function deliveryId(seq: number, channel: DeliveryChannel): string {
  return `${seq}.${channel}`;
}

/**
 * The channels a transition owes, decided when it is stored. The cab shows what a driver acts
 * on — opened, acknowledged, resolved; escalations and reminders are for coordinators. The
 * webhook (an SMS gateway) gets every transition, when one is configured.
 */
export function owedChannels(
  transition: Pick<AlertTransition, 'to'>,
  configured: { webhook: boolean },
): DeliveryChannel[] {
  const cab = transition.to !== 'escalated' && transition.to !== 'reminded';
  return [...(configured.webhook ? (['webhook'] as const) : []), ...(cab ? (['van'] as const) : [])];
}
