import type { AlertTransition } from '../../core/alert-episode.ts';
import type { Verdict } from '../../core/compliance/compliance-report.ts';
import type { BreachKind } from '../../core/compliance/excursions.ts';
import type { Disposition } from '../../core/compliance/disposition-rule.ts';
import type { BudgetStanding } from '../../core/compliance/time-out-of-cold.ts';
import type { DateMarkingKind } from '../../core/loads/date-marking.ts';
import type { LoadStatus } from '../../core/loads/load.ts';
import type { AckReason, AlertKind, AlertSeverity, AlertState } from '../../core/messages.ts';
import type { AuditAction } from '../../core/api/audit.ts';
import type { DeviceOrigin } from '../../core/api/devices.ts';
import type { LoadField } from '../../core/loads/load-request.ts';
import type { PageId } from '../../core/people/navigation.ts';
import type { Role } from '../../core/people/principal.ts';

/**
 * Every word Givre shows, in French (issue 12: "every string from one catalogue"). This file
 * is long on purpose: a catalogue is the one place the strings live, so a translator reads
 * them all together and the same thing is never said two ways. Sections are named for the
 * page or document that speaks; `common` holds what several of them say.
 *
 * French first and natural: an alert is « en cours », never « ouverte » like a door; one that
 * nobody acknowledged in time is « transmise à la coordination » (the coordinators are a
 * team, and the role is named so in the header), not « escaladée »; no code
 * (`chilled`, `reefer-fault`) ever reaches a reader. Words in `common` are written as they
 * stand inside a sentence (« panne du groupe froid »); `capitalise` (format.ts) makes labels.
 * The typographic apostrophe (’) throughout.
 */
const common = {
  compartments: { chilled: 'réfrigéré', frozen: 'surgelé' },
  vanStatus: { online: 'en ligne', offline: 'hors ligne', unknown: 'inconnu' },
  severities: { critical: 'critique', warning: 'avertissement' } satisfies Record<AlertSeverity, string>,
  /** What the desk and the cab call an alert: short, read at a glance. */
  alertKinds: {
    excursion: 'température trop haute',
    cumulative: 'trop longtemps au-dessus de la limite',
    severe: 'température critique',
    'door-open': 'porte ouverte trop longtemps',
    'recorder-silent': 'enregistreur muet',
    'van-offline': 'véhicule hors ligne',
    'low-battery': 'batterie faible',
  } satisfies Record<AlertKind, string>,
  /** An alert in its lifecycle, one word for each state wherever it is shown. */
  alertStates: {
    open: 'en cours, non acquittée',
    escalated: 'transmise à la coordination',
    acknowledged: 'acquittée, en cours',
    resolved: 'terminée',
  },
  ackReasons: {
    loading: 'chargement ou déchargement',
    defrost: 'dégivrage',
    'reefer-fault': 'panne du groupe froid',
    'door-closed': 'porte refermée',
    'product-moved': 'produits déplacés',
    other: 'autre raison',
  } satisfies Record<AckReason, string>,
  /** A load where the coordinators follow it (the driver's phone says it shorter: driverLoads). */
  loadStatuses: {
    planned: 'prévu',
    'picked-up': 'enlevé',
    delivered: 'livré',
    rejected: 'refusé',
  } satisfies Record<LoadStatus, string>,
  verdicts: {
    compliant: 'conforme',
    'non-compliant': 'non conforme',
    incomplete: 'données incomplètes',
  } satisfies Record<Verdict, string>,
  /** Who acted when it was not a signed-in person: the van's button, the driver view. */
  actors: {
    cab: (van: string) => `l’écran de cabine de ${van}`,
    driver: (van: string) => `le chauffeur de ${van}`,
  },
  /** Beside a person's name in the header: what they do, in words. */
  roles: {
    admin: 'administrateur',
    coordinator: 'coordination',
    driver: 'chauffeur',
    association: 'association',
  } satisfies Record<Role, string>,
  /** How long since a van last spoke, whole units rounded down (format.ts `formatAge`). */
  ago: {
    justNow: 'il y a moins d’une minute',
    minutes: (m: number) => `il y a ${m} min`,
    hours: (h: number, mm: string) => `il y a ${h} h ${mm}`,
    days: (d: number) => (d <= 1 ? `il y a ${d} jour` : `il y a ${d} jours`),
  },
  /** Hemispheres after a latitude or a longitude: « ouest » is O. */
  compass: { north: 'N', south: 'S', east: 'E', west: 'O' },
  /** Between a latitude and its longitude: the comma is French's decimal mark. */
  coordinates: ' · ',
  /** French puts a space before the colon and the semicolon. */
  colon: ' : ',
  listSeparator: ' ; ',
  /** A person's own words, quoted: French guillemets with their spaces. */
  quoted: (text: string) => `« ${text} »`,
  van: 'Véhicule',
  from: 'Du',
  to: 'Au',
  cancel: 'Annuler',
  save: 'Enregistrer',
  edit: 'Modifier',
  failed: 'Échec',
  loading: 'Chargement…',
  limit: 'limite',
  peak: 'pic',
};

/** The top bar every page shares: the pages a role may open, the language, the live link. */
const nav = {
  label: 'Pages',
  pages: {
    fleet: 'Flotte',
    van: 'Mon véhicule',
    alerts: 'Alertes',
    loads: 'Chargements',
    map: 'Carte',
    association: 'Nos chargements',
    admin: 'Administration',
  } satisfies Record<PageId, string>,
  logout: 'Se déconnecter',
  /** The signed-in person's name links to their settings (issue 15). */
  account: 'Mon compte',
  language: 'Langue',
  /** The skip link, first on every page, for keyboard and screen-reader users. */
  skipToContent: 'Aller au contenu',
  connection: { connecting: 'Connexion…', live: 'En direct', reconnecting: 'Reconnexion…' },
};

/** The coordinator's fleet desk (issues 3, 12): van cards, filters, the critical-alert opt-in. */
const fleet = {
  title: 'Givre — Flotte en direct',
  empty: 'Aucun véhicule pour l’instant.',
  doorOpen: 'porte ouverte',
  doorClosed: 'porte fermée',
  reefer: { running: 'groupe froid en marche', off: 'groupe froid arrêté', defrost: 'dégivrage' },
  setpoint: 'consigne',
  lastReading: 'Dernière mesure :',
  noReading: 'aucune mesure',
  battery: 'Batterie',
  /** A compartment above its limit, or frozen goods above their tolerance (compartment-limit.ts). */
  warmth: { warm: 'trop chaud', critical: 'critique' },
  /** The limit in force on a compartment (issue 9). */
  tolerance: 'tolérance',
  noLimit: 'sans limite',
  byDefault: 'par défaut',
  loadsOnBoard: (n: number) => (n <= 1 ? `${n} chargement à bord` : `${n} chargements à bord`),
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
  count: (n: number, total: number) =>
    n <= 1 ? `${n} véhicule affiché sur ${total}` : `${n} véhicules affichés sur ${total}`,
  noneMatch: 'Aucun véhicule ne correspond à ces filtres.',
  /** Said on the card, so that the order is explained, not only coloured. */
  trouble: {
    critical: 'Alerte critique',
    warning: 'Alerte en cours',
    offline: 'Hors ligne, sans alerte',
  },
  /** `age`: "il y a 12 min" (common.ago). */
  lastValue: (age: string) => `dernière valeur ${age}`,
  /** `by`: "10 min", "3 h 00 min" (format.ts `formatDuration`): a van clock beyond GIVRE_CLOCK_TOLERANCE_S. */
  clock: {
    ahead: (by: string) => `Horloge du camion en avance de ${by}`,
    behind: (by: string) => `Horloge du camion en retard de ${by}`,
  },
  loads: 'À bord',
  standing: { conforming: 'conforme jusqu’ici', breached: 'limite dépassée pendant le transport' },
  /** `weight`: "40 kg" (format.ts `formatWeight`). */
  loadFacts: (weight: string, recipient: string) => `${weight} pour ${recipient}`,
  escalatedBanner: 'Transmise à la coordination : personne n’a encore acquitté',
  alarm: {
    off: 'Son et notification des alertes critiques : désactivés',
    on: 'Son et notification des alertes critiques : activés',
    blocked: 'Son activé ; notifications refusées par le navigateur',
    title: 'Mémorisé sur cet appareil',
  },
  notificationTitle: 'Givre — alerte critique',
};

/** The driver's phone (issue 5): the alert banner and its two-tap acknowledgement. */
const driver = {
  title: 'Givre — Chauffeur',
  chooseReason: 'Pourquoi ?',
  since: 'depuis',
  noAlert: 'Aucune alerte',
  /** The app opened with no network (issue 15). `age`: « il y a 12 min » (format.ts `formatAge`). */
  offline: (age: string) => `hors ligne — dernière mise à jour ${age}`,
  offlineNothing: 'hors ligne — rien n’est encore enregistré sur ce téléphone',
  /** The alert a notification opened (`?alert=`), when it needs acknowledging no more. */
  focus: {
    acknowledged: (reason: string) => `Cette alerte est déjà acquittée (${reason}).`,
    resolved: 'Cette alerte est terminée : plus rien à acquitter.',
    unknown: 'Cette alerte n’est pas celle d’un de vos véhicules.',
  },
  /** The phone's notifications (issue 15: Web Push through the browser's push service). */
  push: {
    title: 'Alertes sur ce téléphone',
    turnOn: 'Recevoir les alertes sur ce téléphone',
    turnOff: 'Ne plus les recevoir sur ce téléphone',
    states: {
      on: 'Activées : les alertes de votre véhicule arrivent sur ce téléphone, même écran éteint.',
      off: 'Désactivées sur ce téléphone.',
      denied: 'Refusées par le navigateur : autorisez les notifications de ce site dans ses réglages.',
      unsupported:
        'Ce navigateur ne reçoit pas de notifications. Sur iPhone, ajoutez d’abord Givre à l’écran d’accueil (Partager, puis « Sur l’écran d’accueil »).',
      unavailable: 'Cette installation n’envoie pas d’alertes sur les téléphones.',
    },
    failed: 'L’opération a échoué ; réessayez.',
  },
};

/** The coordinators' loads page and an association's page of its loads (issue 6). */
const loads = {
  title: 'Givre — Chargements',
  associationTitle: 'Givre — Nos chargements',
  create: 'Créer le chargement',
  reference: 'Référence',
  profile: 'Produit',
  donor: 'Donateur',
  recipient: 'Association',
  status: 'État',
  actions: 'Actions',
  pickup: 'Enlevé',
  deliver: 'Livré',
  refuse: 'Refusé',
  probe: 'Température à cœur (°C, facultatif)',
  reason: 'Motif',
  certificate: 'Certificat',
  versions: 'versions',
  superseded: 'remplacé',
  provisional: 'provisoire',
  declareLost: 'Déclarer les lacunes perdues',
  lostReason: 'Pourquoi ces mesures ne viendront plus',
  gapsLost: 'lacunes déclarées perdues',
  none: 'Aucun chargement.',
  handOver: 'Remise',
  /** Before the hand-over's time: a refused load was not delivered. */
  handedOver: { delivered: 'livré le', rejected: 'refusé le' },
};

/** The load form (issue 12): labels, choices, and an error per field. */
const loadForm = {
  legendNew: 'Nouveau chargement',
  legendEdit: (id: string) => `Modifier le chargement ${id}`,
  choose: '— Choisir —',
  chooseVanFirst: '— Choisissez d’abord le véhicule —',
  noAssociation: 'Aucune association active : un administrateur les ajoute sur la page Administration.',
  noVan: 'Aucun véhicule connu : un véhicule apparaît dès qu’il a des identifiants ou a envoyé un relevé.',
  cancel: 'Annuler la modification',
  checkFields: 'Le chargement n’est pas enregistré : corrigez les champs signalés.',
  labels: {
    profile: 'Produit (limite légale et source)',
    weightKg: 'Poids net (kg)',
    'donor.name': 'Donateur',
    'donor.place': 'Lieu d’enlèvement',
    'donor.pickupAt': 'Enlèvement prévu',
    'recipient.id': 'Association destinataire',
    van: 'Véhicule',
    compartment: 'Compartiment',
  } satisfies Record<LoadField, string>,
  errors: {
    profile: 'Choisissez le produit dans la liste.',
    weightKg: 'Indiquez le poids net en kilogrammes : un nombre supérieur à 0, au plus 5 000.',
    'donor.name': 'Indiquez le nom du donateur (120 caractères au plus).',
    'donor.place': 'Indiquez le lieu d’enlèvement (200 caractères au plus).',
    'donor.pickupAt': 'Indiquez la date et l’heure d’enlèvement prévues.',
    'recipient.id': 'Choisissez une association active dans la liste.',
    van: 'Choisissez un véhicule connu de la flotte.',
    compartment: 'Choisissez un compartiment de ce véhicule.',
  } satisfies Record<LoadField, string>,
  /** A product's limit in its option (profile-labels.ts); `max`, `brief`: "4 °C", "−15 °C". */
  noLimit: 'sans limite de température',
  atMost: (max: string) => `${max} au plus`,
  tolerated: (max: string, brief: string) => `${max} au plus (${brief} tolérés brièvement)`,
};

/** Checking a certificate (issue 10): pasted, uploaded, or reached by its QR code. */
/** Signing in (issue 4, 11): the page, and why a sign-in was refused. */
const login = {
  title: 'Givre — Connexion',
  username: 'Identifiant',
  password: 'Mot de passe',
  signIn: 'Se connecter',
  wrong: 'Identifiant ou mot de passe incorrect.',
  locked: (min: number) => `Trop d’essais. Réessayez dans ${min} min.`,
  busy: 'Une autre connexion depuis ce poste ou pour ce nom est en cours de vérification. Réessayez dans un instant.',
  failed: 'La connexion a échoué',
};

const verify = {
  title: 'Givre — Vérifier un certificat',
  paste: 'Collez le certificat JSON ou choisissez le fichier :',
  file: 'Fichier du certificat (JSON)',
  text: 'Texte du certificat (JSON)',
  check: 'Vérifier',
  valid: 'Certificat authentique',
  invalid: 'Certificat NON valide',
  supersededBy: 'Remplacé par',
  current: 'Version en vigueur',
  /** Why a certificate is not shown as genuine, when the server did not say it (`reason`). */
  unknownToken: 'aucun certificat ne correspond à ce lien',
  notJson: 'ce n’est pas du JSON',
  serverFailed: 'le serveur n’a pas pu le vérifier',
  signIn: (id: string) => `connectez-vous pour afficher ${id}, ou collez le certificat reçu ci-dessous`,
  unknownId: (id: string) => `certificat ${id} inconnu`,
  product: 'Produit',
  formats: 'Certificat imprimable (HTML, PDF)',
};

/** The admin page's associations (issue 12): the charities that receive the loads. */
const associationAdmin = {
  title: 'Associations',
  none: 'Aucune association. Ajoutez celles qui reçoivent les chargements.',
  legendNew: 'Nouvelle association',
  legendEdit: (name: string) => `Modifier « ${name} »`,
  labels: {
    id: 'Identifiant (adresse de sa page)',
    name: 'Nom',
    address: 'Adresse',
    contact: 'Contact (personne, téléphone ou e-mail)',
  },
  idHint: 'Lettres minuscules sans accent, chiffres et tirets ; ne change plus ensuite.',
  errors: {
    id: 'Un identifiant de lettres minuscules sans accent, chiffres et tirets (64 au plus), pas encore pris.',
    name: 'Indiquez le nom de l’association (120 caractères au plus).',
    address: 'Indiquez son adresse (300 caractères au plus).',
    contact: 'Indiquez qui joindre à la remise (200 caractères au plus).',
  },
  state: 'État',
  active: 'active',
  inactive: 'désactivée',
  add: 'Ajouter l’association',
  deactivate: 'Désactiver',
  reactivate: 'Réactiver',
  added: (name: string) => `« ${name} » est ajoutée : le formulaire des chargements la propose.`,
  saved: (name: string) => `« ${name} » est enregistrée.`,
  deactivated: (name: string) =>
    `« ${name} » est désactivée : plus aucun nouveau chargement ne peut lui être adressé.`,
  reactivated: (name: string) => `« ${name} » est réactivée.`,
  failed: 'L’opération a échoué',
};

const alertLog = {
  title: 'Givre — Journal des alertes',
  filters: 'Filtres',
  anyVan: 'Tous les véhicules',
  state: 'État',
  severity: 'Gravité',
  kind: 'Type',
  any: 'Tous',
  reset: 'Effacer les filtres',
  /** The API's `state` filter, in words. */
  stateFilter: {
    open: 'En cours, non acquittées',
    acknowledged: 'Acquittées, en cours',
    resolved: 'Terminées',
  } satisfies Record<AlertState, string>,
  groupStates: {
    escalated: 'Transmise à la coordination — personne n’a encore réagi',
    open: 'En cours — non acquittée',
    acknowledged: 'Acquittée — toujours en cours',
    resolved: 'Terminée',
  },
  /** One alert, or n alerts of one cause grouped. */
  members: (n: number) => (n === 1 ? `${n} alerte` : `${n} alertes de la même cause`),
  startedAt: 'début',
  detectedAt: 'détectée',
  resolvedAt: 'fin',
  transitions: {
    open: 'Déclenchée',
    acknowledged: 'Acquittée',
    escalated: 'Transmise à la coordination (personne n’avait acquitté)',
    reminded: 'Rappel envoyé à la coordination',
    resolved: 'Terminée : la condition a cessé',
  } satisfies Record<AlertTransition['to'], string>,
  acknowledgedBy: (by: string, at: string, reason: string) => `Acquittée par ${by} le ${at} — ${reason}`,
  notAcknowledged: 'Pas encore acquittée',
  acknowledge: 'Acquitter',
  reason: 'Raison',
  note: 'Précision (facultatif)',
  send: 'Enregistrer l’acquittement',
  recorded: 'Acquittement enregistré.',
  failed: 'Échec de l’acquittement, réessayez.',
  loadFailed: 'Impossible de lire le journal des alertes, réessayez.',
  empty: 'Aucune alerte ne correspond à ces filtres.',
  wholeVan: 'tout le véhicule',
};

const map = {
  title: 'Givre — Carte de la flotte',
  mapLabel: 'Dernière position connue de chaque véhicule',
  empty: 'Aucun véhicule n’a encore envoyé sa position.',
  status: 'État',
  position: 'Position',
  positionAt: 'Relevée le',
  alerts: 'Alertes',
  noPosition: 'position inconnue',
  /** Alerts not yet over. */
  openAlerts: (n: number) =>
    n === 0 ? 'aucune alerte' : n === 1 ? '1 alerte en cours' : `${n} alertes en cours`,
  vectorNote: 'Vue simplifiée, sans fond de carte : les positions et l’échelle sont exactes.',
  /** Where the background map comes from. */
  tilesNote: (host: string) => `Fond de carte : ${host}`,
};

const vanPage = {
  back: '← Flotte',
  range: 'Période',
  presets: { '1h': '1 h', '12h': '12 h', '24h': '24 h', '7d': '7 jours' },
  custom: 'Personnalisée',
  show: 'Afficher',
  badRange: 'Choisissez un début antérieur à la fin.',
  csv: 'Exporter les mesures (CSV)',
  noData: 'Aucune mesure sur cette période.',
  time: 'Heure',
  mean: 'moyenne',
  min: 'min.',
  max: 'max.',
  limitLine: 'Limite',
  doorOpen: 'Porte ouverte',
  stillOpen: 'encore ouverte',
  markers: {
    open: 'Alerte déclenchée',
    acknowledged: 'Alerte acquittée',
    resolved: 'Alerte résolue',
  },
  loads: 'Chargements transportés sur la période',
  noLoads: 'Aucun chargement sur cette période.',
  /** Beside the fleet's `clock` line: what Givre does about it (README, "Van clocks"). */
  clockNote:
    'Givre garde l’heure donnée par le camion : ses mesures et ses alertes restent datées par lui. Faites régler son horloge.',
  loadCols: {
    product: 'Produit',
    recipient: 'Association',
    weight: 'Poids',
    pickedUp: 'Enlevé le',
    delivered: 'Livré le',
    certificate: 'Certificat',
  },
  certificate: 'Voir le certificat',
  notYet: 'pas encore',
  chartOf: 'Températures de l’air',
  legendNote:
    'Heures de Bruxelles. Bandes hachurées : porte ouverte. Repères : ▲ alerte déclenchée, ● acquittée, ■ résolue.',
};

/** The driver's loads (issue 6): short, read at arm's length in a cab. */
const driverLoads = {
  title: 'Chargements',
  none: 'Aucun chargement prévu pour ce véhicule.',
  statuses: {
    planned: 'À charger',
    'picked-up': 'À bord',
    delivered: 'Livré',
    rejected: 'Refusé',
  } satisfies Record<LoadStatus, string>,
  pickup: 'Chargé',
  deliver: 'Livré',
  from: 'Chez',
  to: 'Pour',
  reception: 'Contrôle à la réception',
  probe: 'Température à cœur (°C, facultatif)',
  accepted: 'Accepté',
  refused: 'Refusé',
  reason: 'Motif',
  reasonRequired: 'Indiquez le motif du refus.',
  byWho: 'Contrôlé par',
  byAssociation: 'L’association',
  byDriver: 'Le chauffeur pour elle',
  confirm: 'Confirmer la livraison',
  certificate: 'Certificat',
  failed: 'Échec, réessayez',
};

/** The certificate (HTML and PDF): signed evidence, so its words change only to fix an error. */
const certificate = {
  title: 'Certificat de conformité de la chaîne du froid',
  provisional: 'PROVISOIRE : des mesures manquent ; une nouvelle version sera émise si elles arrivent.',
  superseded: 'REMPLACÉ par une version plus récente',
  load: 'Chargement',
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
  /** The breaches the compliance report finds in the records (not the alerts raised live). */
  kinds: {
    excursion: 'dépassement',
    severe: 'dépassement grave',
    cumulative: 'budget cumulé dépassé',
  } satisfies Record<BreachKind, string>,
  /**
   * The alerts as evidence names them, in the vocabulary of the breaches above (« dépassement
   * grave » rather than the desk's « température critique », which would read « critique
   * (critique) » beside its severity).
   */
  alertKinds: {
    excursion: 'dépassement prolongé',
    cumulative: 'temps cumulé au-dessus de la limite',
    severe: 'dépassement grave',
    'door-open': 'porte ouverte trop longtemps',
    'recorder-silent': 'enregistreur muet',
    'van-offline': 'véhicule hors ligne',
    'low-battery': 'batterie faible',
  } satisfies Record<AlertKind, string>,
  stillOpen: 'en cours à la livraison',
  chart: 'Température de l’air (°C) et limite',
  deciding: 'Capteur déterminant',
  decidingNone: 'aucun (aucun relevé de température)',
  decidingMark: 'déterminant',
  allSensors: 'tous capteurs confondus',
  longestSensor: 'le plus long d’un capteur',
  bySensor: 'Résultat par capteur',
  sensor: 'Capteur',
  verdict: 'Verdict',
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
  tolerance: 'tolérance en transport',
  issuer: 'Émis par',
  times24: 'Heures de Bruxelles',
  notAcknowledged: 'non acquittée',
  page: 'page',
  doorCount: (n: number) => `${n} fois`,
};

/**
 * The administration page (issue 12): devices, users, product profiles, the audit log. Audit
 * actions in words (roles: `common.roles`), written as they stand inside a sentence (`capitalise` for a
 * label); every action the log records has its words, or this does not compile.
 */
const admin = {
  title: 'Givre — Administration',
  auditActions: {
    login: 'connexion',
    'login-failed': 'connexion refusée',
    logout: 'déconnexion',
    'alert-ack': 'alerte prise en charge',
    'load-create': 'chargement créé',
    'load-edit': 'chargement modifié',
    'load-event': 'chargement enlevé, livré ou refusé',
    'gaps-declared-lost': 'lacunes déclarées perdues',
    'user-add': 'compte créé',
    'user-disable': 'compte désactivé',
    'user-enable': 'compte réactivé',
    'device-add': 'identifiants de véhicule créés',
    'device-revoke': 'identifiants de véhicule révoqués',
    'association-add': 'association ajoutée',
    'association-edit': 'association modifiée',
    'association-deactivate': 'association désactivée',
    'association-reactivate': 'association réactivée',
    'calibration-add': 'étalonnage enregistré',
  } satisfies Record<AuditAction, string>,
  /** Who acted from the command line (`cli:{compte}` in the log). */
  cliActor: (account: string) => `ligne de commande (compte ${account})`,
  confirm: 'Confirmer',
  cancel: 'Annuler',
  failed: 'L’opération a échoué',
  never: 'jamais',
  devices: {
    title: 'Véhicules et leurs identifiants MQTT',
    intro:
      'Chaque véhicule se connecte au broker avec ses propres identifiants. Le secret n’est montré qu’une fois, à sa création.',
    van: 'Véhicule',
    state: 'État',
    created: 'Créés le',
    origin: 'Créés par',
    lastSeen: 'Dernier signe de vie',
    valid: 'valides',
    revoked: (at: string) => `révoqués le ${at}`,
    origins: {
      cli: 'la ligne de commande',
      admin: 'la page d’administration',
      demo: 'la démonstration',
    } satisfies Record<DeviceOrigin, string>,
    none: 'Aucun véhicule n’a encore d’identifiants.',
    legend: 'Nouveaux identifiants',
    vanLabel: 'Identifiant du véhicule',
    vanHint: 'Lettres, chiffres, trait d’union ou soulignement, 32 caractères au plus (par exemple VAN-07).',
    add: 'Créer les identifiants',
    issued: (van: string) => `Identifiants de ${van} créés`,
    once: 'Notez ce secret maintenant : il ne sera plus jamais affiché (seule son empreinte est gardée).',
    username: 'Utilisateur MQTT',
    secret: 'Secret',
    clientId: 'Identifiant client',
    clientIdValue: (van: string) => `${van} ou givre-${van}`,
    copy: 'Copier le secret',
    copied: 'Secret copié dans le presse-papiers.',
    copyFailed: 'Copie impossible ici : sélectionnez le secret et copiez-le vous-même.',
    done: 'J’ai noté le secret',
    revoke: 'Révoquer',
    confirmRevoke: (van: string) =>
      `Révoquer les identifiants de ${van} ? Le véhicule est déconnecté et ne pourra plus se connecter.`,
    revokedDone: (van: string) => `Identifiants de ${van} révoqués.`,
    badVan:
      'Identifiant invalide : lettres, chiffres, - ou _, 32 caractères au plus, sans commencer par « givre », « ingest » ni « dashboard ».',
    exists: (van: string) => `${van} a déjà des identifiants valides : révoquez-les d’abord.`,
  },
  users: {
    title: 'Utilisateurs',
    username: 'Identifiant',
    role: 'Rôle',
    scope: 'Rattachement',
    state: 'État',
    active: 'actif',
    disabled: (at: string) => `désactivé le ${at}`,
    you: '(vous)',
    disable: 'Désactiver',
    enable: 'Réactiver',
    confirmDisable: (user: string) =>
      `Désactiver le compte ${user} ? Ses sessions sont fermées et il ne pourra plus se connecter.`,
    confirmEnable: (user: string) =>
      `Réactiver le compte ${user} ? Il pourra de nouveau se connecter avec son mot de passe.`,
    disabledDone: (user: string) => `Compte ${user} désactivé.`,
    enabledDone: (user: string) => `Compte ${user} réactivé.`,
    legend: 'Nouveau compte',
    usernameHint: '2 à 64 caractères : lettres minuscules, chiffres, point, trait d’union ou soulignement.',
    vans: 'Véhicules du chauffeur',
    noVans: 'Aucun véhicule connu : créez d’abord ses identifiants.',
    association: 'Association',
    noAssociation: 'Aucune association active : ajoutez-en une dans la section Associations.',
    add: 'Créer le compte',
    created: (user: string) => `Compte ${user} créé.`,
    password: 'Mot de passe initial, affiché une seule fois :',
    errors: {
      username:
        'Identifiant invalide : 2 à 64 caractères, lettres minuscules, chiffres, point, trait d’union ou soulignement.',
      vans: 'Choisissez au moins un véhicule pour un chauffeur.',
      association: 'Choisissez l’association de ce compte.',
      exists: (user: string) => `Le compte ${user} existe déjà.`,
    },
  },
  profiles: {
    title: 'Profils de produits',
    intro: 'Les limites légales de température des produits transportés (lecture seule).',
    name: 'Produit',
    max: 'Température maximale',
    tolerance: 'Tolérance en transport',
    source: 'Source légale',
    noLimit: 'sans limite',
    noTolerance: 'aucune',
  },
  audit: {
    title: 'Journal d’audit',
    when: 'Quand',
    who: 'Qui',
    what: 'Quoi',
    target: 'Objet',
    none: 'Le journal est vide.',
  },
};

/**
 * Recorder evidence (issue 16, EN 13486): calibration records on the admin page, the fleet
 * page's flag and the certificate. `day`: "12 janvier", `dayYear`: "3 mars 2026" (calibration-words.ts).
 */
const calibration = {
  recorder: 'enregistreur',
  sensor: (id: string) => `sonde ${id}`,
  standings: {
    valid: 'à jour',
    'due-soon': 'à faire bientôt',
    overdue: 'échu',
    unknown: 'aucun enregistré',
  },
  dueBefore: (day: string) => `Étalonnage à faire avant le ${day}`,
  overdue: 'Étalonnage échu',
  certificateTitle: 'Étalonnage de l’enregistreur (EN 13486)',
  columns: {
    target: 'Élément',
    verifiedOn: 'Vérifié le',
    laboratory: 'Laboratoire ou méthode',
    reference: 'Référence',
    nextDueOn: 'Prochain avant le',
    entered: 'Saisi par',
  },
  noneOnRecord: 'Aucun étalonnage de l’enregistreur n’est enregistré pour ce véhicule.',
  /** `what`: "de l’enregistreur" or "de la sonde T1". */
  overdueSince: (what: string, dayYear: string) => `Étalonnage ${what} échu depuis le ${dayYear}`,
  ofRecorder: 'de l’enregistreur',
  ofSensor: (id: string) => `de la sonde ${id}`,
  admin: {
    title: 'Étalonnage des enregistreurs',
    intro:
      'Vérifications périodiques (EN 13486) de l’enregistreur et des sondes de chaque véhicule. Un nouvel enregistrement remplace le précédent, qui reste dans l’historique.',
    van: 'Véhicule',
    noVans: 'Aucun véhicule connu : créez d’abord ses identifiants.',
    standing: 'État',
    history: 'Historique',
    none: 'Aucun étalonnage enregistré pour ce véhicule.',
    legend: 'Nouvel étalonnage',
    target: 'Enregistreur ou sonde',
    targetHint:
      '« enregistreur » pour l’enregistreur, ou l’identifiant de la sonde tel que le véhicule l’envoie (ex. T1).',
    add: 'Enregistrer l’étalonnage',
    added: (van: string) => `Étalonnage de ${van} enregistré.`,
    errors: {
      target:
        'Indiquez « enregistreur » ou l’identifiant d’une sonde : lettres, chiffres, - ou _, 32 caractères au plus.',
      verifiedOn: 'Indiquez la date de la vérification.',
      laboratory: 'Indiquez le laboratoire ou la méthode (200 caractères au plus).',
      reference: 'Indiquez la référence du certificat d’étalonnage (100 caractères au plus).',
      nextDueOn: 'Indiquez la date de la prochaine vérification, après celle-ci.',
    },
  },
};

/** Each person's own settings, `/account` (issue 15): which alerts reach them, and how. */
const account = {
  title: 'Givre — Mon compte',
  notifications: 'Alertes qui me parviennent',
  intro: 'Choisissez, pour chaque moyen, quelles alertes vous parviennent.',
  none: 'Un compte d’association ne reçoit pas d’alertes.',
  channels: { push: 'Sur mon téléphone (notification)', sms: 'Par SMS' },
  severities: 'Gravité',
  kinds: 'Sortes d’alertes',
  escalations: 'Alertes transmises à la coordination et rappels',
  /** Why a box is checked and cannot be unchecked. */
  locked: {
    critical: 'Toujours : une alerte critique de votre véhicule vous parvient quels que soient vos choix.',
    escalations: 'Toujours : la coordination reçoit chaque alerte que personne n’a acquittée à temps.',
  },
  smsNote: 'Les SMS partent par la passerelle de l’installation, si elle en a une.',
  saved: 'Choix enregistrés.',
  failed: 'L’enregistrement a échoué ; réessayez.',
};

/**
 * Time out of cold and what the charity may do with a load (issue 16): the driver's records at
 * pickup and delivery, and how the certificate and the association's page say them.
 */
const coldChain = {
  pickupTitle: 'Relevé à l’enlèvement',
  marking: 'Date sur l’étiquette (la plus proche du lot)',
  kinds: {
    'use-by': 'À consommer jusqu’au',
    'best-before': 'À consommer de préférence avant',
  } satisfies Record<DateMarkingKind, string>,
  /** The kinds as the certificate abbreviates them after the name. */
  kindShort: { 'use-by': 'DLC', 'best-before': 'DDM' } satisfies Record<DateMarkingKind, string>,
  noMarking: 'Pas relevée',
  date: 'Date imprimée',
  frozenByDonor: 'Congelé par le donateur',
  frozenOn: 'Congelé le',
  donorHandOver: 'Minutes hors du froid chez le donateur',
  charityHandOver: 'Minutes hors du froid à l’association',
  confirmPickup: 'Confirmer l’enlèvement',
  errors: {
    date: 'Indiquez la date imprimée sur l’étiquette (entre 2020 et 2099).',
    frozenOn: 'Indiquez le jour où le donateur l’a congelé.',
    minutes: 'Un nombre entier de minutes, de 0 à 240 (ou laissez vide).',
  },
  /** Certificate and association page. */
  markingTitle: 'Date du produit',
  frozenText: (day: string) => `congelé par le donateur le ${day}`,
  timeOutOfCold: 'Temps hors du froid',
  parts: {
    donor: 'Remise chez le donateur',
    doors: 'Ouvertures de porte à bord',
    charity: 'Remise à l’association',
  },
  unknown: 'non relevé',
  doorsUnknown: 'inconnu (aucun relevé de porte ne l’atteste)',
  doorCount: (n: number) => (n <= 1 ? `${n} ouverture` : `${n} ouvertures`),
  atLeast: (m: string) => `au moins ${m}`,
  budget: (m: string) => `budget ${m}`,
  standings: {
    within: 'dans le budget',
    over: 'BUDGET DÉPASSÉ',
    undetermined: 'indéterminé : une part n’a pas été relevée',
    'not-applicable': 'sans objet : produit non réfrigéré',
  } satisfies Record<BudgetStanding, string>,
  overWarning: 'Attention : ce chargement est resté hors du froid plus longtemps que le budget.',
  budgetSource: 'Origine du budget',
  disposition: 'Que faire de ce chargement',
  dispositions: {
    distribute: 'Distribuer',
    'distribute-quickly': 'Distribuer rapidement',
    'freeze-today': 'Congeler aujourd’hui',
    'do-not-distribute': 'Ne pas distribuer',
  } satisfies Record<Disposition, string>,
  freezeOn: (day: string) => `À écrire sur l’emballage : « congelé le ${day} »`,
  rule: (id: string, version: number, set: string) => `règle ${id} v${version} (${set})`,
  ruleSource: 'Source',
  noDisposition: 'Aucune date relevée à l’enlèvement : pas de consigne.',
};

export const FR = {
  account,
  common,
  nav,
  fleet,
  driver,
  loads,
  loadForm,
  login,
  verify,
  associationAdmin,
  alertLog,
  map,
  vanPage,
  driverLoads,
  certificate,
  admin,
  calibration,
  coldChain,
};

/** Strings as `string` and functions as returning `string`, whatever literals French uses. */
type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => infer R
    ? (...args: A) => Widen<R>
    : { [K in keyof T]: Widen<T[K]> };

/**
 * The shape every language fills: EN (typed by it) must have every key French has, no
 * more, with the keyed records (alert kinds, reasons, verdicts…) complete.
 */
export type Catalogue = Widen<typeof FR>;
