import type { Verdict } from '../../core/compliance/compliance-report.ts';
import type { BreachKind } from '../../core/compliance/excursions.ts';
import type { AckReason, AlertKind, AlertSeverity } from '../../core/messages.ts';

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
    chart: 'Température de l’air (°C) et limite',
    colon: ' : ',
    deciding: 'Capteur déterminant',
    decidingNone: 'aucun (aucun relevé de température)',
    decidingMark: 'déterminant',
    allSensors: 'tous capteurs confondus',
    longestSensor: 'le plus long d’un capteur',
    bySensor: 'Résultat par capteur',
    sensor: 'Capteur',
    verdict: 'Verdict',
    sensorVerdicts: {
      compliant: 'conforme',
      'non-compliant': 'non conforme',
      incomplete: 'données incomplètes',
    } as Record<Verdict, string>,
    gapCount: 'Lacunes',
    assumedInterval: 'maximum EN 12830 retenu',
    noSensorRecorded: 'aucun capteur n’a enregistré',
    kind: 'Nature',
    start: 'Début',
    end: 'Fin',
    peakColumn: 'Pic',
    duration: 'Durée',
    records: 'Relevés numérotés du véhicule',
    recordsComplete: 'complets : tous les relevés du véhicule, de l’enlèvement à la livraison, sont présents',
    recordsWaiting: 'en attente des derniers relevés du véhicule',
    recordsMissing: (n: number) => (n === 1 ? 'relevé manquant : n°' : 'relevés manquants : n°'),
    recordsMore: (n: number) => `et ${n} autre${n > 1 ? 's' : ''} plage${n > 1 ? 's' : ''}`,
    listSeparator: ' ; ',
    limitLegend: 'limite',
    tolerance: 'tolérance en transport',
    issuer: 'Émis par',
    times24: 'Heures de Bruxelles',
    alertKinds: {
      excursion: 'dépassement prolongé',
      cumulative: 'temps cumulé au-dessus de la limite',
      severe: 'dépassement grave',
      'door-open': 'porte ouverte trop longtemps',
      'recorder-silent': 'enregistreur muet',
      'van-offline': 'véhicule hors ligne',
      'low-battery': 'batterie faible',
    } as Record<AlertKind, string>,
    severities: { warning: 'avertissement', critical: 'critique' } as Record<AlertSeverity, string>,
    ackReasons: {
      loading: 'chargement ou déchargement',
      defrost: 'dégivrage',
      'reefer-fault': 'panne du groupe froid',
      'door-closed': 'porte refermée',
      'product-moved': 'produits déplacés',
      other: 'autre raison',
    } as Record<AckReason, string>,
    notAcknowledged: 'non acquittée',
    resolved: 'résolue',
    compartments: { chilled: 'réfrigéré', frozen: 'surgelé' } as Record<string, string>,
    page: 'page',
    doorCount: (n: number) => `${n} fois`,
    cab: (van: string) => `l’écran de cabine de ${van}`,
    driverOf: (van: string) => `le chauffeur de ${van}`,
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
    chart: 'Air temperature (°C) and limit',
    colon: ': ',
    deciding: 'Deciding sensor',
    decidingNone: 'none (no temperature record)',
    decidingMark: 'deciding',
    allSensors: 'all sensors together',
    longestSensor: 'longest of any sensor',
    bySensor: 'Result by sensor',
    sensor: 'Sensor',
    verdict: 'Verdict',
    sensorVerdicts: {
      compliant: 'compliant',
      'non-compliant': 'non-compliant',
      incomplete: 'incomplete data',
    } as Record<Verdict, string>,
    gapCount: 'Gaps',
    assumedInterval: 'EN 12830 maximum assumed',
    noSensorRecorded: 'no sensor recorded',
    kind: 'Kind',
    start: 'Start',
    end: 'End',
    peakColumn: 'Peak',
    duration: 'Duration',
    records: 'Van’s numbered records',
    recordsComplete: 'complete: every record the van made from pickup through delivery is here',
    recordsWaiting: 'waiting for the van’s last records',
    recordsMissing: (n: number) => (n === 1 ? 'missing record: no.' : 'missing records: nos.'),
    recordsMore: (n: number) => `and ${n} more range${n > 1 ? 's' : ''}`,
    listSeparator: '; ',
    limitLegend: 'limit',
    tolerance: 'tolerated in transport',
    issuer: 'Issued by',
    times24: 'Brussels time',
    alertKinds: {
      excursion: 'above the limit for too long',
      cumulative: 'cumulative time above the limit',
      severe: 'severe excursion',
      'door-open': 'door open too long',
      'recorder-silent': 'recorder silent',
      'van-offline': 'van offline',
      'low-battery': 'low battery',
    } as Record<AlertKind, string>,
    severities: { warning: 'warning', critical: 'critical' } as Record<AlertSeverity, string>,
    ackReasons: {
      loading: 'loading or unloading',
      defrost: 'defrost',
      'reefer-fault': 'refrigeration unit fault',
      'door-closed': 'door closed',
      'product-moved': 'product moved',
      other: 'other reason',
    } as Record<AckReason, string>,
    notAcknowledged: 'not acknowledged',
    resolved: 'resolved',
    compartments: { chilled: 'chilled', frozen: 'frozen' } as Record<string, string>,
    page: 'page',
    doorCount: (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`),
    cab: (van: string) => `${van}’s in-cab display`,
    driverOf: (van: string) => `${van}’s driver`,
  },
} as const;

const LOCALE: Record<CertLang, string> = { fr: 'fr-BE', en: 'en-GB' };
const ZONE = 'Europe/Brussels';

/**
 * A time as evidence (issue 12): Brussels time, four-digit year, 24 h, the zone's offset shown
 * ("12/03/2025 09:30 UTC+1"), so a reader in another zone, or across a change of summer time,
 * reads the same instant.
 */
export function formatInstant(ms: number, lang: CertLang): string {
  return new Intl.DateTimeFormat(LOCALE[lang], {
    timeZone: ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(ms);
}

/** A chart's tick: "09:30", or "13/03 09:30" when the period spans more than one day (Brussels). */
export function formatTick(ms: number, lang: CertLang, withDay: boolean): string {
  return new Intl.DateTimeFormat(LOCALE[lang], {
    timeZone: ZONE,
    ...(withDay ? { day: '2-digit', month: '2-digit' } : {}),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(ms)
    .replace(',', '');
}

/** The zone's name at an instant, as the chart's caption says it: "UTC+1", "CEST". */
export function zoneName(ms: number, lang: CertLang): string {
  const parts = new Intl.DateTimeFormat(LOCALE[lang], {
    timeZone: ZONE,
    timeZoneName: 'short',
  }).formatToParts(ms);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? ZONE;
}

/** Whether two instants fall on the same calendar day in Brussels. */
export function sameDay(a: number, b: number): boolean {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, dateStyle: 'short' });
  return day.format(a) === day.format(b);
}

/** °C with one decimal, and the real minus sign (U+2212): the PDF embeds a font that has it. */
export function formatCelsius(c: number | null, lang: CertLang): string {
  if (c === null) return '—';
  const n = new Intl.NumberFormat(LOCALE[lang], {
    maximumFractionDigits: 1,
    minimumFractionDigits: 1,
  }).format(c);
  return `${n.replace(/^-/, '\u2212')} °C`;
}

/** "30 s" under a minute (a recording interval of 30 s is not "0 min"), else "40 min", "2 h 05 min". */
export function formatDuration(ms: number): string {
  if (ms > 0 && ms < 59_500) return `${Math.max(1, Math.round(ms / 1000))} s`;
  const minutes = Math.round(ms / 60_000);
  const h = Math.floor(minutes / 60);
  return h > 0 ? `${h} h ${String(minutes % 60).padStart(2, '0')} min` : `${minutes} min`;
}

/** A compartment in words; an installation's own compartment id as it is. */
export const compartmentText = (id: string, lang: CertLang) => CERT_TEXT[lang].compartments[id] ?? id;

/**
 * Who acted, in words: `cab:VAN-01` (the van's acknowledge button, ingest/alert-engine.ts) and
 * `driver:VAN-01` (the driver view) are codes; a person's name is left as it is.
 */
export function actorText(by: string, lang: CertLang): string {
  const m = /^(cab|driver):(.+)$/.exec(by);
  if (!m) return by;
  return m[1] === 'cab' ? CERT_TEXT[lang].cab(m[2]!) : CERT_TEXT[lang].driverOf(m[2]!);
}
