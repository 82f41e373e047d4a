import type { AckReason, AlertKind } from '../../core/messages.ts';
import type { Lang } from './i18n.ts';

/** Words of the alert banner, badges and acknowledgement buttons. French first. Pure. */
export interface AlertMessages {
  kinds: Record<AlertKind, string>;
  reasons: Record<AckReason, string>;
  states: Record<'open' | 'acknowledged' | 'escalated' | 'resolved', string>;
  acknowledge: string;
  chooseReason: string;
  cancel: string;
  since: string;
  noAlert: string;
  driverTitle: string;
  limit: string;
  ackFailed: string;
  enableSound: string;
}

export const ALERT_MESSAGES: Record<Lang, AlertMessages> = {
  fr: {
    kinds: {
      excursion: 'Température trop haute',
      cumulative: 'Trop longtemps au-dessus de la limite',
      severe: 'Température critique',
      'door-open': 'Porte ouverte trop longtemps',
      'recorder-silent': 'Enregistreur muet',
      'van-offline': 'Véhicule hors ligne',
      'low-battery': 'Batterie faible',
    },
    reasons: {
      loading: 'Chargement / déchargement',
      defrost: 'Dégivrage',
      'reefer-fault': 'Panne du groupe froid',
      'door-closed': 'Porte refermée',
      'product-moved': 'Produits déplacés',
      other: 'Autre',
    },
    states: {
      open: 'en cours',
      acknowledged: 'acquittée',
      escalated: 'transmise au coordinateur',
      resolved: 'terminée',
    },
    acknowledge: 'Acquitter',
    chooseReason: 'Pourquoi ?',
    cancel: 'Annuler',
    since: 'depuis',
    noAlert: 'Aucune alerte',
    driverTitle: 'Givre — Chauffeur',
    limit: 'limite',
    ackFailed: 'Échec de l’acquittement, réessayez.',
    enableSound: 'Activer le son',
  },
  en: {
    kinds: {
      excursion: 'Temperature too high',
      cumulative: 'Too long above the limit',
      severe: 'Critical temperature',
      'door-open': 'Door open too long',
      'recorder-silent': 'Recorder silent',
      'van-offline': 'Van offline',
      'low-battery': 'Low battery',
    },
    reasons: {
      loading: 'Loading / unloading',
      defrost: 'Defrost',
      'reefer-fault': 'Reefer fault',
      'door-closed': 'Door closed',
      'product-moved': 'Product moved',
      other: 'Other',
    },
    states: {
      open: 'in progress',
      acknowledged: 'acknowledged',
      escalated: 'passed to the coordinator',
      resolved: 'over',
    },
    acknowledge: 'Acknowledge',
    chooseReason: 'Why?',
    cancel: 'Cancel',
    since: 'since',
    noAlert: 'No alert',
    driverTitle: 'Givre — Driver',
    limit: 'limit',
    ackFailed: 'Acknowledgement failed, try again.',
    enableSound: 'Enable sound',
  },
};

export const ACK_REASONS: readonly AckReason[] = [
  'loading',
  'defrost',
  'reefer-fault',
  'door-closed',
  'product-moved',
  'other',
];
