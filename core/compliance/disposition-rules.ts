import type { DispositionRule } from './disposition-rule.ts';

/**
 * The version of the disposition rule set; certificates quote it beside the rule applied.
 * Bump it whenever a rule is added, removed, reordered or changes version.
 */
export const DISPOSITION_RULE_SET_VERSION = 'givre-disposition/1';

// The sources, each written once. "Paragraph not confirmed": the document is the right one but
// the paragraph number could not be checked against its current version; the rule then takes
// the safer reading, said in the README.
const CIRCULAR =
  'AFSCA/FAVV, « Circulaire relative aux dispositions applicables aux banques alimentaires et associations caritatives », PCCB/S3/CDP/1092228';
const USE_BY_UNSAFE =
  'Reg. (EU) 1169/2011 art. 24(1): after the use-by date a food is deemed unsafe (Reg. (EC) 178/2002 art. 14(2)–(5))';
const COLD_CHAIN =
  'Reg. (EC) 852/2004 Annex II chapter IX point 5: the cold chain is not to be interrupted; only limited periods outside temperature control that do not put health at risk';
const FREEZING_DATE =
  'Reg. (EU) 1169/2011 Annex III point 6 and Annex X point 3: frozen meat, meat preparations and unprocessed fishery products carry « produit congelé le » with the day of freezing';
const DDM_GROUPS = `${CIRCULAR}, annex on the best-before date (DDM): foods in groups by how long they keep past it — very long (a year or more, quick-frozen food among them), long (two months), limited and short (meat, fish, dairy desserts, yoghurts, cut fruit and vegetables: not past the DDM) — paragraph not confirmed`;
const NETWORK = "The network's own rule (no legal figure)";

/**
 * The rules, in the order they are tried: the first whose condition holds decides. Every
 * refusal comes first, so no later rule can let through what an earlier one refuses; among
 * the others the more particular comes first (a thawing product keeps its own advice on an
 * incomplete record).
 */
export const DISPOSITION_RULES: readonly DispositionRule[] = Object.freeze([
  {
    id: 'cold-chain-broken',
    version: 1,
    when: { verdict: ['non-compliant'] },
    disposition: 'do-not-distribute',
    source: `${COLD_CHAIN}; Reg. (EC) 178/2002 art. 14(1): unsafe food is not placed on the market; the certificate's verdict that the cold chain was not kept`,
    reason: {
      fr: 'Ne pas distribuer : le certificat montre que la chaîne du froid a été rompue pendant le transport (au-dessus de la limite trop longtemps).',
      en: 'Do not distribute: the certificate shows the cold chain was broken in transport (above the limit for too long).',
    },
  },
  {
    id: 'use-by-carried-ambient',
    version: 1,
    when: { kind: 'use-by', product: ['ambient'] },
    disposition: 'do-not-distribute',
    source: `Reg. (EU) 1169/2011 art. 24(1) (a use-by date marks microbiologically highly perishable food) and Annex X point 2(b) (followed by the storage conditions); ${COLD_CHAIN}`,
    reason: {
      fr: "Ne pas distribuer : un produit « à consommer jusqu'au » doit rester au froid, et ce chargement a voyagé sans limite de température.",
      en: 'Do not distribute: a use-by product must be kept cold, and this load travelled with no temperature limit.',
    },
  },
  {
    id: 'use-by-passed',
    version: 1,
    when: { kind: 'use-by', frozenByDonor: false, daysLeft: { max: -1 } },
    disposition: 'do-not-distribute',
    source: `${USE_BY_UNSAFE}; ${CIRCULAR}, section on the use-by date (DLC) — paragraph not confirmed`,
    reason: {
      fr: "Ne pas distribuer : la date « à consommer jusqu'au » est dépassée ; le produit est considéré comme dangereux.",
      en: 'Do not distribute: the use-by date has passed; the food is deemed unsafe.',
    },
  },
  {
    id: 'use-by-frozen-too-late',
    version: 1,
    when: { kind: 'use-by', frozenByDonor: true, frozenAfterDate: true },
    disposition: 'do-not-distribute',
    source: `${USE_BY_UNSAFE}; ${CIRCULAR}, section on freezing (« congélation ») — paragraph not confirmed`,
    reason: {
      fr: "Ne pas distribuer : le donateur l'a congelé après sa date « à consommer jusqu'au » ; la congélation ne rend pas sûr un produit périmé.",
      en: 'Do not distribute: the donor froze it after its use-by date; freezing does not make an expired food safe.',
    },
  },
  {
    id: 'use-by-frozen-without-date',
    version: 1,
    when: { kind: 'use-by', product: ['frozen'], frozenByDonor: false },
    disposition: 'do-not-distribute',
    source: `${FREEZING_DATE}; ${CIRCULAR}, section on freezing (« congélation ») — paragraph not confirmed`,
    reason: {
      fr: "Ne pas distribuer : produit « à consommer jusqu'au » transporté congelé sans date de congélation enregistrée ; rien ne montre qu'il a été congelé à temps.",
      en: 'Do not distribute: a use-by product carried frozen with no freezing day recorded; nothing shows it was frozen in time.',
    },
  },
  {
    id: 'best-before-passed-perishable',
    version: 1,
    when: { kind: 'best-before', product: ['chilled'], daysLeft: { max: -1 } },
    disposition: 'do-not-distribute',
    source: DDM_GROUPS,
    reason: {
      fr: "Ne pas distribuer : pour un produit frais (viande, poisson, produits laitiers), l'AFSCA demande de ne pas dépasser la date « à consommer de préférence avant ».",
      en: 'Do not distribute: for chilled food (meat, fish, dairy) the AFSCA asks not to go past the best-before date.',
    },
  },
  {
    id: 'best-before-passed-frozen-over-a-year',
    version: 1,
    when: { kind: 'best-before', product: ['frozen'], daysLeft: { max: -366 } },
    disposition: 'do-not-distribute',
    source: `${DDM_GROUPS}; safer reading: "a year or more" taken as 365 days`,
    reason: {
      fr: "Ne pas distribuer : la date « à consommer de préférence avant » de ce surgelé est dépassée de plus d'un an.",
      en: 'Do not distribute: this frozen food is more than a year past its best-before date.',
    },
  },
  {
    id: 'best-before-passed-ambient-over-two-months',
    version: 1,
    when: { kind: 'best-before', product: ['ambient'], daysLeft: { max: -60 } },
    disposition: 'do-not-distribute',
    source: `${DDM_GROUPS}; safer reading: Givre does not know the product's group, so the "long" group's two months (counted at their shortest, 59 days) is the limit`,
    reason: {
      fr: "Ne pas distribuer sans avis : la date « à consommer de préférence avant » est dépassée de plus de deux mois. L'AFSCA l'admet pour les produits de très longue conservation (conserves, pâtes sèches, riz, café, sucre), mais Givre ne connaît pas le produit : un responsable en juge sur l'étiquette.",
      en: 'Do not distribute without advice: more than two months past the best-before date. The AFSCA allows it for very long-keeping food (tins, dry pasta, rice, coffee, sugar), but Givre does not know the product: someone in charge judges from the label.',
    },
  },
  {
    id: 'use-by-frozen-thawing',
    version: 1,
    when: { kind: 'use-by', frozenByDonor: true, product: ['chilled'] },
    disposition: 'distribute-quickly',
    source: `${CIRCULAR}, section on freezing (« congélation »): thawed food is eaten promptly and never refrozen — paragraph not confirmed; safer reading: handed out the same day, eaten within 24 hours`,
    reason: {
      fr: 'À distribuer aujourd’hui : congelé par le donateur mais transporté au frais, il décongèle. À consommer dans les 24 heures, sans le recongeler.',
      en: 'Hand out today: frozen by the donor but carried chilled, it is thawing. To be eaten within 24 hours, never refrozen.',
    },
  },
  {
    id: 'record-incomplete',
    version: 1,
    when: { verdict: ['incomplete'] },
    disposition: 'distribute-quickly',
    source: `${NETWORK}, on ${COLD_CHAIN}: no breach is proven, but part of the trip is vouched for by no record, so the food is not stored for later`,
    reason: {
      fr: "À distribuer en priorité et avant sa date, sans le congeler pour plus tard : aucun dépassement n'est prouvé, mais une partie du trajet n'a pas de relevé. Contrôlez la température du produit à la réception.",
      en: 'Hand out first and before its date, without freezing it for later: no breach is proven, but part of the trip has no record. Check the food’s temperature at reception.',
    },
  },
  {
    id: 'use-by-frozen-by-donor',
    version: 1,
    when: { kind: 'use-by', frozenByDonor: true, product: ['frozen'] },
    disposition: 'distribute',
    source: `${CIRCULAR}, section on freezing (« congélation ») — paragraph not confirmed; ${FREEZING_DATE}`,
    reason: {
      fr: "À distribuer congelé : le donateur l'a congelé au plus tard à sa date « à consommer jusqu'au ». Gardez la mention « congelé le … » ; une fois décongelé, à consommer dans les 24 heures, sans recongeler.",
      en: 'Distribute frozen: the donor froze it by its use-by date. Keep the "frozen on …" label; once thawed, eat within 24 hours, never refreeze.',
    },
  },
  {
    id: 'use-by-today-freeze',
    version: 1,
    when: { kind: 'use-by', product: ['chilled'], daysLeft: { min: 0, max: 0 } },
    disposition: 'freeze-today',
    source: `${CIRCULAR}, section on freezing prepacked food before the use-by date (« congélation ») — paragraph not confirmed; safer reading: frozen no later than the use-by day itself and only with a compliant certificate; ${FREEZING_DATE}`,
    reason: {
      fr: "C'est sa date « à consommer jusqu'au » : à distribuer aujourd'hui pour être mangé aujourd'hui, ou à congeler aujourd'hui (−18 °C) pour plus tard, marqué « congelé le » avec la date du jour. Demain il ne pourra plus être distribué.",
      en: 'Today is its use-by date: hand it out today to be eaten today, or freeze it today (−18 °C) for later, marked "frozen on" with today’s date. Tomorrow it can no longer be distributed.',
    },
  },
  {
    id: 'use-by-soon',
    version: 1,
    when: { kind: 'use-by', product: ['chilled'], daysLeft: { min: 1, max: 2 } },
    disposition: 'distribute-quickly',
    source: `${NETWORK}: a use-by date one or two days ahead is handed out first`,
    reason: {
      fr: "À distribuer en priorité : la date « à consommer jusqu'au » est dans un ou deux jours.",
      en: 'Hand out first: the use-by date is one or two days away.',
    },
  },
  {
    id: 'use-by-ahead',
    version: 1,
    when: { kind: 'use-by', product: ['chilled'], daysLeft: { min: 3 } },
    disposition: 'distribute',
    source: `${USE_BY_UNSAFE} (until then it may be eaten, kept as the label says)`,
    reason: {
      fr: "À distribuer : la date « à consommer jusqu'au » est dans trois jours ou plus. À garder au frais.",
      en: 'Distribute: the use-by date is three or more days away. Keep it chilled.',
    },
  },
  {
    id: 'best-before-passed-frozen',
    version: 1,
    when: { kind: 'best-before', product: ['frozen'], daysLeft: { min: -365, max: -1 } },
    disposition: 'distribute',
    source: DDM_GROUPS,
    reason: {
      fr: "Peut être distribué : pour un surgelé, la date « à consommer de préférence avant » est une date de qualité ; l'AFSCA admet jusqu'à un an après, emballage intact et jamais décongelé.",
      en: 'May be distributed: for frozen food the best-before date is a quality date; the AFSCA allows up to a year past it, packaging intact and never thawed.',
    },
  },
  {
    id: 'best-before-passed-ambient',
    version: 1,
    when: { kind: 'best-before', product: ['ambient'], daysLeft: { min: -59, max: -1 } },
    disposition: 'distribute-quickly',
    source: DDM_GROUPS,
    reason: {
      fr: 'À distribuer en priorité, après contrôle : la date « à consommer de préférence avant » est dépassée de moins de deux mois. Emballage intact ; pas pour le pain, dont la date est à respecter.',
      en: 'Hand out first, after a check: less than two months past the best-before date. Packaging intact; not bread, whose date is to be kept.',
    },
  },
  {
    id: 'best-before-ahead',
    version: 1,
    when: { kind: 'best-before', daysLeft: { min: 0 } },
    disposition: 'distribute',
    source:
      'Reg. (EU) 1169/2011 art. 2(2)(r): the food keeps its specific properties until its date of minimum durability, stored as the label says',
    reason: {
      fr: 'À distribuer : la date « à consommer de préférence avant » n’est pas dépassée.',
      en: 'Distribute: the best-before date has not passed.',
    },
  },
]);
