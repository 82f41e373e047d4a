import type { Show } from './fleet-filter.ts';
import type { Trouble } from './fleet-order.ts';
import type { Lang } from './i18n.ts';

/**
 * Words of the coordinator's fleet desk (issue 12) beyond the van card's own (i18n.ts):
 * filters, staleness, loads on board, the critical-alert opt-in. French first. Pure.
 */
export interface FleetMessages {
  filters: string;
  show: string;
  shows: Record<Show, string>;
  search: string;
  searchHint: string;
  /** `{n}` of `{total}` vans shown. */
  count: Record<'one' | 'other', string>;
  noneMatch: string;
  /** Said on the card, so that the order is explained, not only coloured. */
  trouble: Record<Exclude<Trouble, 'none'>, string>;
  /** `{age}`: "il y a 12 min". */
  lastValue: string;
  loads: string;
  noLoad: string;
  standing: { conforming: string; breached: string };
  /** `{n}` kg for `{recipient}`. */
  loadFacts: string;
  limitOf: string;
  severity: Record<'critical' | 'warning', string>;
  escalatedBanner: string;
  alarm: { off: string; on: string; blocked: string; title: string };
  notificationTitle: string;
  loadsFailed: string;
}

export const FLEET_MESSAGES: Record<Lang, FleetMessages> = {
  fr: {
    filters: 'Filtres de la flotte',
    show: 'Afficher',
    shows: {
      all: 'Tous les véhicules',
      alerts: 'Avec une alerte en cours',
      critical: 'Avec une alerte critique',
      offline: 'Hors ligne',
    },
    search: 'Rechercher un véhicule',
    searchHint: 'ex. VAN-02',
    count: { one: '{n} véhicule affiché sur {total}', other: '{n} véhicules affichés sur {total}' },
    noneMatch: 'Aucun véhicule ne correspond à ces filtres.',
    trouble: {
      critical: 'Alerte critique',
      warning: 'Alerte en cours',
      offline: 'Hors ligne, sans alerte',
    },
    lastValue: 'dernière valeur {age}',
    loads: 'À bord',
    noLoad: 'Aucun chargement à bord',
    standing: { conforming: 'conforme jusqu’ici', breached: 'limite dépassée pendant le transport' },
    loadFacts: '{n} kg pour {recipient}',
    limitOf: 'limite',
    severity: { critical: 'critique', warning: 'avertissement' },
    escalatedBanner: 'Transmise au coordinateur : personne n’a encore acquitté',
    alarm: {
      off: 'Son et notification des alertes critiques : désactivés',
      on: 'Son et notification des alertes critiques : activés',
      blocked: 'Son activé ; notifications refusées par le navigateur',
      title: 'Mémorisé sur cet appareil',
    },
    notificationTitle: 'Givre — alerte critique',
    loadsFailed: 'Chargements à bord indisponibles pour l’instant.',
  },
  en: {
    filters: 'Fleet filters',
    show: 'Show',
    shows: {
      all: 'All vans',
      alerts: 'With an ongoing alert',
      critical: 'With a critical alert',
      offline: 'Offline',
    },
    search: 'Find a van',
    searchHint: 'e.g. VAN-02',
    count: { one: '{n} van shown of {total}', other: '{n} vans shown of {total}' },
    noneMatch: 'No van matches these filters.',
    trouble: {
      critical: 'Critical alert',
      warning: 'Ongoing alert',
      offline: 'Offline, no alert',
    },
    lastValue: 'last value {age}',
    loads: 'On board',
    noLoad: 'No load on board',
    standing: { conforming: 'compliant so far', breached: 'limit exceeded in transit' },
    loadFacts: '{n} kg for {recipient}',
    limitOf: 'limit',
    severity: { critical: 'critical', warning: 'warning' },
    escalatedBanner: 'Passed to the coordinator: nobody has acknowledged it yet',
    alarm: {
      off: 'Sound and notification of critical alerts: off',
      on: 'Sound and notification of critical alerts: on',
      blocked: 'Sound on; notifications refused by the browser',
      title: 'Remembered on this device',
    },
    notificationTitle: 'Givre — critical alert',
    loadsFailed: 'Loads on board unavailable for now.',
  },
};
