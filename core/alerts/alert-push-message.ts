import type { AlertNotice } from './alert-notice.ts';
import { PushPayload, type NotifiedTransition } from '../api/push.ts';
import type { AlertKind, AlertSeverity } from '../messages.ts';

/**
 * Issue 15: the words of a push notification, in French (the drivers are in Wallonia). The
 * same words as the dashboard's (dashboard/text/fr.ts), repeated here because ingest builds
 * the message and may not import the dashboard; a handful, so they are kept in step by hand.
 */
const KIND_FR: Record<AlertKind, string> = {
  excursion: 'température trop haute',
  cumulative: 'temps cumulé au-dessus de la limite',
  severe: 'température critique',
  'door-open': 'porte ouverte trop longtemps',
  'recorder-silent': 'enregistreur muet',
  'van-offline': 'véhicule hors ligne',
  'low-battery': 'batterie faible',
};
const COMPARTMENT_FR: Record<string, string> = { chilled: 'réfrigéré', frozen: 'surgelé' };
const SEVERITY_FR: Record<AlertSeverity, string> = { critical: 'Alerte critique', warning: 'Avertissement' };
const TRANSITION_FR: Record<Exclude<NotifiedTransition, 'open'>, string> = {
  acknowledged: 'Alerte acquittée',
  resolved: 'Alerte résolue',
  escalated: 'Alerte critique non acquittée',
  reminded: 'Rappel : alerte critique non acquittée',
};

/** °C with a decimal comma, one decimal at most ("9,4 °C", "4 °C"). */
const celsius = (t: number) => `${String(Math.round(t * 10) / 10).replace('.', ',')} °C`;

/** The driver page of the van, opened on the alert's two-tap acknowledgement. */
export function alertScreenUrl(van: string, alertId: string): string {
  return `/driver/${encodeURIComponent(van)}?alert=${encodeURIComponent(alertId)}`;
}

/**
 * The push message of one transition, as the service worker shows it: title « Alerte critique
 * — camionnette VAN-03 », body « Compartiment réfrigéré : température trop haute, 9,4 °C
 * (limite 7 °C) », opening the acknowledgement screen of the alert.
 */
export function pushPayloadOf(notice: AlertNotice, delivery: string): PushPayload {
  const { episode: e, transition: t } = notice;
  const head = t.to === 'open' ? SEVERITY_FR[e.severity] : TRANSITION_FR[t.to];
  const where =
    e.compartment === null ? '' : `Compartiment ${COMPARTMENT_FR[e.compartment] ?? e.compartment} : `;
  const temperature =
    e.peak !== null && e.limit !== null ? `, ${celsius(e.peak)} (limite ${celsius(e.limit)})` : '';
  const by = t.to === 'acknowledged' && t.by ? ` — acquittée par ${t.by}` : '';
  const body = `${where}${KIND_FR[e.kind]}${temperature}${by}`;
  return PushPayload.parse({
    v: 1,
    delivery,
    alertId: e.id,
    van: e.van,
    compartment: e.compartment,
    kind: e.kind,
    severity: e.severity,
    transition: t.to,
    title: `${head} — camionnette ${e.van}`,
    body: body.charAt(0).toUpperCase() + body.slice(1),
    lang: 'fr',
    url: alertScreenUrl(e.van, e.id),
    acknowledgeable: e.state === 'open' && e.acknowledgement === null,
    at: t.at,
  });
}
