import type { AlertTransition } from '../../core/alert-episode.ts';
import type { AlertSeverity, AlertState } from '../../core/messages.ts';
import type { GroupState } from './alert-groups.ts';
import type { Lang } from './i18n.ts';

/**
 * Words of the alert log (`/alerts`, issue 12). French first and natural: an alert is
 * « en cours », never « ouverte » like a door; one nobody acknowledged in time is
 * « transmise aux coordinateurs », not « escaladée ». Kinds and reasons come from
 * alert-i18n.ts. Pure.
 */
export interface AlertLogMessages {
  title: string;
  filters: string;
  van: string;
  anyVan: string;
  state: string;
  severity: string;
  kind: string;
  any: string;
  from: string;
  to: string;
  reset: string;
  /** The API's `state` filter, in words. */
  stateFilter: Record<AlertState, string>;
  severities: Record<AlertSeverity, string>;
  groupStates: Record<GroupState, string>;
  memberStates: Record<'open' | 'escalated' | 'acknowledged' | 'resolved', string>;
  /** One alert / n alerts of one cause. */
  members: Record<'one' | 'other', string>;
  startedAt: string;
  detectedAt: string;
  resolvedAt: string;
  peak: string;
  limit: string;
  transitions: Record<AlertTransition['to'], string>;
  /** `{by}`, `{at}`, `{reason}`. */
  acknowledgedBy: string;
  notAcknowledged: string;
  acknowledge: string;
  reason: string;
  note: string;
  send: string;
  cancel: string;
  recorded: string;
  failed: string;
  loadFailed: string;
  empty: string;
  loading: string;
  cab: string;
  driver: string;
  wholeVan: string;
  nav: { fleet: string; alerts: string; map: string; loads: string };
}

export const ALERT_LOG_MESSAGES: Record<Lang, AlertLogMessages> = {
  fr: {
    title: 'Givre — Journal des alertes',
    filters: 'Filtres',
    van: 'Véhicule',
    anyVan: 'Tous les véhicules',
    state: 'État',
    severity: 'Gravité',
    kind: 'Type',
    any: 'Tous',
    from: 'Du',
    to: 'Au',
    reset: 'Effacer les filtres',
    stateFilter: {
      open: 'En cours, non acquittées',
      acknowledged: 'Acquittées, en cours',
      resolved: 'Terminées',
    },
    severities: { critical: 'critique', warning: 'avertissement' },
    groupStates: {
      escalated: 'Transmise aux coordinateurs — personne n’a encore réagi',
      open: 'En cours — non acquittée',
      acknowledged: 'Acquittée — toujours en cours',
      resolved: 'Terminée',
    },
    memberStates: {
      open: 'en cours, non acquittée',
      escalated: 'transmise aux coordinateurs',
      acknowledged: 'acquittée, en cours',
      resolved: 'terminée',
    },
    members: { one: '{n} alerte', other: '{n} alertes de la même cause' },
    startedAt: 'début',
    detectedAt: 'détectée',
    resolvedAt: 'fin',
    peak: 'maximum',
    limit: 'limite',
    transitions: {
      open: 'Déclenchée',
      acknowledged: 'Acquittée',
      escalated: 'Transmise aux coordinateurs (personne n’avait acquitté)',
      reminded: 'Rappel envoyé aux coordinateurs',
      resolved: 'Terminée : la condition a cessé',
    },
    acknowledgedBy: 'Acquittée par {by} le {at} — {reason}',
    notAcknowledged: 'Pas encore acquittée',
    acknowledge: 'Acquitter',
    reason: 'Raison',
    note: 'Précision (facultatif)',
    send: 'Enregistrer l’acquittement',
    cancel: 'Annuler',
    recorded: 'Acquittement enregistré.',
    failed: 'Échec de l’acquittement, réessayez.',
    loadFailed: 'Impossible de lire le journal des alertes, réessayez.',
    empty: 'Aucune alerte ne correspond à ces filtres.',
    loading: 'Chargement…',
    cab: 'la cabine de {van}',
    driver: 'le chauffeur de {van}',
    wholeVan: 'tout le véhicule',
    nav: { fleet: 'Flotte', alerts: 'Alertes', map: 'Carte', loads: 'Chargements' },
  },
  en: {
    title: 'Givre — Alert log',
    filters: 'Filters',
    van: 'Van',
    anyVan: 'All vans',
    state: 'State',
    severity: 'Severity',
    kind: 'Kind',
    any: 'All',
    from: 'From',
    to: 'To',
    reset: 'Clear filters',
    stateFilter: {
      open: 'Ongoing, not acknowledged',
      acknowledged: 'Acknowledged, ongoing',
      resolved: 'Over',
    },
    severities: { critical: 'critical', warning: 'warning' },
    groupStates: {
      escalated: 'Passed to the coordinators — nobody has acted yet',
      open: 'Ongoing — not acknowledged',
      acknowledged: 'Acknowledged — still ongoing',
      resolved: 'Over',
    },
    memberStates: {
      open: 'ongoing, not acknowledged',
      escalated: 'passed to the coordinators',
      acknowledged: 'acknowledged, ongoing',
      resolved: 'over',
    },
    members: { one: '{n} alert', other: '{n} alerts of one cause' },
    startedAt: 'began',
    detectedAt: 'detected',
    resolvedAt: 'ended',
    peak: 'peak',
    limit: 'limit',
    transitions: {
      open: 'Raised',
      acknowledged: 'Acknowledged',
      escalated: 'Passed to the coordinators (nobody had acknowledged)',
      reminded: 'Reminder sent to the coordinators',
      resolved: 'Over: the condition cleared',
    },
    acknowledgedBy: 'Acknowledged by {by} on {at} — {reason}',
    notAcknowledged: 'Not acknowledged yet',
    acknowledge: 'Acknowledge',
    reason: 'Reason',
    note: 'Note (optional)',
    send: 'Record the acknowledgement',
    cancel: 'Cancel',
    recorded: 'Acknowledgement recorded.',
    failed: 'Acknowledgement failed, try again.',
    loadFailed: 'Could not read the alert log, try again.',
    empty: 'No alert matches these filters.',
    loading: 'Loading…',
    cab: 'the cab of {van}',
    driver: 'the driver of {van}',
    wholeVan: 'whole van',
    nav: { fleet: 'Fleet', alerts: 'Alerts', map: 'Map', loads: 'Loads' },
  },
};

/**
 * Who acknowledged, in words: a button in the cab is recorded `cab:{van}` and the driver's
 * view of a dashboard without users `driver:{van}`; a signed-in person by their name.
 */
export function actorLabel(by: string, lang: Lang): string {
  const t = ALERT_LOG_MESSAGES[lang];
  const m = /^(cab|driver):(.+)$/.exec(by);
  if (!m) return by;
  return (m[1] === 'cab' ? t.cab : t.driver).replace('{van}', m[2]!);
}

export const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? `{${k}}`);
