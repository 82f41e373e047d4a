import type { AlertTransition } from '../alert-episode.ts';

/**
 * Where an alert transition is delivered besides the dashboards (which replay the store by
 * seq). `push` is owed once per subscription of each person the preferences pick
 * (core/people/notification-preferences.ts), not once per transition.
 */
export type DeliveryChannel = 'webhook' | 'van' | 'push';

/**
 * A delivery's stable id: the transition's seq (unique and never reused in an installation's
 * state store: AUTOINCREMENT), the channel, and for a channel owed per recipient (push) the
 * target — the subscription's id. Sent with every attempt, so that a receiver that got the
 * same delivery twice (at least once: a crash between its answer and our record of it) can
 * tell and keep one — e.g. `42.webhook`, `42.push.7`.
 */
export function deliveryId(seq: number, channel: DeliveryChannel, target?: string): string {
  return target === undefined ? `${seq}.${channel}` : `${seq}.${channel}.${target}`;
}

/**
 * The channels a transition owes once each, decided when it is stored. The cab shows what a
 * driver acts on — opened, acknowledged, resolved; escalations and reminders are for
 * coordinators. The webhook (an SMS gateway) gets every transition, when one is configured.
 * Push deliveries are owed per subscription beside these (ingest/build-ingest.ts).
 */
export function owedChannels(
  transition: Pick<AlertTransition, 'to'>,
  configured: { webhook: boolean },
): DeliveryChannel[] {
  const cab = transition.to !== 'escalated' && transition.to !== 'reminded';
  return [...(configured.webhook ? (['webhook'] as const) : []), ...(cab ? (['van'] as const) : [])];
}
