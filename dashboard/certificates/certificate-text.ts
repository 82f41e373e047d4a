import type { Verdict } from '../../core/compliance/compliance-report.ts';
import type { BreachKind } from '../../core/compliance/excursions.ts';

export type CertLang = 'fr' | 'en';

/** The certificate's words, French first (the associations are in Wallonia). */
export const CERT_TEXT = {
  fr: {
    title: 'Certificat de conformité de la chaîne du froid',
    verdicts: {
      compliant: 'CONFORME',
      'non-compliant': 'NON CONFORME',
      incomplete: 'DONNÉES INCOMPLÈTES',
    } as Record<Verdict, string>,
    provisional: 'PROVISOIRE : des mesures manquent ; une nouvelle version sera émise si elles arrivent.',
    superseded: 'REMPLACÉ par une version plus récente',
    load: 'Chargement',
    product: 'Produit',
    weight: 'Poids',
    donor: 'Donateur',
    pickup: 'Enlèvement',
    recipient: 'Association destinataire',
    delivery: 'Livraison',
    van: 'Véhicule / compartiment',
    limit: 'Limite légale (température du produit)',
    source: 'Source légale',
    measured: 'Mesure : température de l’air du compartiment (Règl. (CE) 37/2005).',
    rules: 'Version des règles',
    period: 'Période',
    recorder: 'Enregistreur et sondes',
    interval: 'Intervalle d’enregistrement',
    observed: 'observé',
    allowed: 'maximum admis (EN 12830)',
    stats: 'Min / max / moyenne',
    mkt: 'Température cinétique moyenne (indicative, ΔH/R = 10 000 K)',
    above: 'Temps au-dessus de la limite',
    excursions: 'Dépassements',
    none: 'aucun',
    doors: 'Ouvertures de porte',
    gaps: 'Lacunes de données',
    gapsLost: 'Lacunes déclarées perdues (version définitive)',
    alerts: 'Alertes et actions correctives',
    ack: 'acquittée par',
    reception: 'Contrôle à réception',
    probe: 'température à cœur',
    accepted: 'accepté',
    refused: 'refusé',
    noReception: 'non enregistré',
    issued: 'Émis le',
    version: 'version',
    verify: 'Vérifier ce certificat',
    signature: 'Signature Ed25519, clé',
    kinds: {
      excursion: 'dépassement',
      severe: 'dépassement grave',
      cumulative: 'budget cumulé dépassé',
    } as Record<BreachKind, string>,
    stillOpen: 'en cours à la livraison',
    peak: 'pic',
    times: 'fois',
    chart: 'Température de l’air (°C) et limite',
  },
  en: {
    title: 'Cold-chain compliance certificate',
    verdicts: {
      compliant: 'COMPLIANT',
      'non-compliant': 'NON-COMPLIANT',
      incomplete: 'INCOMPLETE DATA',
    } as Record<Verdict, string>,
    provisional: 'PROVISIONAL: records are missing; a new version will be issued if they arrive.',
    superseded: 'SUPERSEDED by a newer version',
    load: 'Load',
    product: 'Product',
    weight: 'Weight',
    donor: 'Donor',
    pickup: 'Pickup',
    recipient: 'Recipient association',
    delivery: 'Delivery',
    van: 'Van / compartment',
    limit: 'Legal limit (product temperature)',
    source: 'Legal source',
    measured: 'Measured: compartment air temperature (Reg. (EC) 37/2005).',
    rules: 'Rule-set version',
    period: 'Period',
    recorder: 'Recorder and sensors',
    interval: 'Recording interval',
    observed: 'observed',
    allowed: 'maximum allowed (EN 12830)',
    stats: 'Min / max / mean',
    mkt: 'Mean kinetic temperature (informative, ΔH/R = 10 000 K)',
    above: 'Time above the limit',
    excursions: 'Excursions',
    none: 'none',
    doors: 'Door openings',
    gaps: 'Data gaps',
    gapsLost: 'Gaps declared lost (final version)',
    alerts: 'Alerts and corrective actions',
    ack: 'acknowledged by',
    reception: 'Reception check',
    probe: 'probe temperature',
    accepted: 'accepted',
    refused: 'refused',
    noReception: 'not recorded',
    issued: 'Issued',
    version: 'version',
    verify: 'Verify this certificate',
    signature: 'Ed25519 signature, key',
    kinds: {
      excursion: 'excursion',
      severe: 'severe excursion',
      cumulative: 'cumulative budget exceeded',
    } as Record<BreachKind, string>,
    stillOpen: 'still open at delivery',
    peak: 'peak',
    times: 'times',
    chart: 'Air temperature (°C) and limit',
  },
} as const;

const LOCALE: Record<CertLang, string> = { fr: 'fr-BE', en: 'en-GB' };

/** Dates as the associations read them: Brussels time, day-month, 24 h. */
export function formatInstant(ms: number, lang: CertLang): string {
  return new Intl.DateTimeFormat(LOCALE[lang], {
    timeZone: 'Europe/Brussels',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(ms);
}

/** °C with one decimal; `ascii` swaps U+2212 for '-' (the PDF's standard fonts lack it). */
export function formatCelsius(c: number | null, lang: CertLang, ascii = false): string {
  if (c === null) return '—';
  const text = `${new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(c)} °C`;
  return ascii ? text.replace(/\u2212/g, '-').replace(/\u202f|\u00a0/g, ' ') : text;
}

export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const h = Math.floor(minutes / 60);
  return h > 0 ? `${h} h ${String(minutes % 60).padStart(2, '0')} min` : `${minutes} min`;
}
