/**
 * The page's words and number/date formats. French first (the users are in Wallonia),
 * English second. Pure: no DOM, so it is unit-tested in Node.
 */
export type Lang = 'fr' | 'en';
export const LANGS: readonly Lang[] = ['fr', 'en'];

/** Belgian French and British English: day-month dates, 24-hour clock, as at the depot. */
const LOCALE: Record<Lang, string> = { fr: 'fr-BE', en: 'en-GB' };

export interface Messages {
  title: string;
  empty: string;
  online: string;
  offline: string;
  unknown: string;
  doorOpen: string;
  doorClosed: string;
  reefer: Record<'running' | 'off' | 'defrost', string>;
  setpoint: string;
  lastReading: string;
  noReading: string;
  battery: string;
  tooWarm: string;
  /** Frozen goods above their transport tolerance (see compartment-limit.ts). */
  critical: string;
  /** The limit in force on a compartment (issue 9); `{n}` is a number of loads. */
  limit: {
    max: string;
    tolerance: string;
    none: string;
    byDefault: string;
    loadsOnBoard: Record<'one' | 'other', string>;
  };
  compartments: Record<string, string>;
  connection: Record<'connecting' | 'live' | 'reconnecting', string>;
  language: string;
  /** The skip link, first on every page, for keyboard and screen-reader users. */
  skipToContent: string;
}

export const MESSAGES: Record<Lang, Messages> = {
  fr: {
    title: 'Givre — Flotte en direct',
    empty: 'Aucun véhicule pour l’instant.',
    online: 'en ligne',
    offline: 'hors ligne',
    unknown: 'inconnu',
    doorOpen: 'porte ouverte',
    doorClosed: 'porte fermée',
    reefer: { running: 'groupe froid en marche', off: 'groupe froid arrêté', defrost: 'dégivrage' },
    setpoint: 'consigne',
    lastReading: 'Dernière mesure :',
    noReading: 'aucune mesure',
    battery: 'Batterie',
    tooWarm: 'trop chaud',
    critical: 'critique',
    limit: {
      max: 'limite',
      tolerance: 'tolérance',
      none: 'sans limite',
      byDefault: 'par défaut',
      loadsOnBoard: { one: '{n} chargement à bord', other: '{n} chargements à bord' },
    },
    compartments: { chilled: 'Réfrigéré', frozen: 'Surgelé' },
    connection: { connecting: 'Connexion…', live: 'En direct', reconnecting: 'Reconnexion…' },
    language: 'Langue',
    skipToContent: 'Aller au contenu',
  },
  en: {
    title: 'Givre — Live fleet',
    empty: 'No vans yet.',
    online: 'online',
    offline: 'offline',
    unknown: 'unknown',
    doorOpen: 'door open',
    doorClosed: 'door closed',
    reefer: { running: 'reefer running', off: 'reefer off', defrost: 'defrosting' },
    setpoint: 'setpoint',
    lastReading: 'Last reading:',
    noReading: 'no reading yet',
    battery: 'Battery',
    tooWarm: 'too warm',
    critical: 'critical',
    limit: {
      max: 'limit',
      tolerance: 'tolerance',
      none: 'no limit',
      byDefault: 'default',
      loadsOnBoard: { one: '{n} load on board', other: '{n} loads on board' },
    },
    compartments: { chilled: 'Chilled', frozen: 'Frozen' },
    connection: { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' },
    language: 'Language',
    skipToContent: 'Skip to content',
  },
};

function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** `?lang=` wins (a shared link), then the choice remembered on this device, then French. */
export function pickLanguage(search: string, stored: string | null): Lang {
  const fromQuery = new URLSearchParams(search).get('lang');
  if (isLang(fromQuery)) return fromQuery;
  if (isLang(stored)) return stored;
  return 'fr';
}

export function compartmentLabel(id: string, lang: Lang): string {
  return MESSAGES[lang].compartments[id] ?? id;
}

/** °C with one decimal, as EN 12830 recorders resolve 0.1 °C: "3,4 °C" in French, "3.4 °C" in English. */
export function formatTemperature(celsius: number, lang: Lang): string {
  const number = new Intl.NumberFormat(LOCALE[lang], {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(celsius);
  return `${number} °C`;
}

/**
 * A limit, °C, as the law writes it: no trailing ",0" ("2 °C", "-18 °C"), but a decimal
 * when it has one ("4,5 °C" in French).
 */
export function formatLimit(celsius: number, lang: Lang): string {
  return `${new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 1 }).format(celsius)} °C`;
}

/** "1 chargement", "2 chargements": French puts 0 and 1 in the singular, English only 1. */
export function pluralCategory(n: number, lang: Lang): 'one' | 'other' {
  return new Intl.PluralRules(LOCALE[lang]).select(n) === 'one' ? 'one' : 'other';
}

export function formatPercent(percent: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALE[lang], { style: 'percent', maximumFractionDigits: 0 }).format(
    percent / 100,
  );
}

/** The fleet's time zone: every time a person reads is Brussels time, 24-hour (issue 12). */
export const FLEET_TIME_ZONE = 'Europe/Brussels';

/**
 * A reading's device time in the fleet's time zone (Brussels, whatever the viewer's device
 * says): the time alone when it is from today, else date and time, so that a van silent
 * since yesterday is obvious.
 */
export function formatReadingTime(ts: number, lang: Lang, now: number, timeZone = FLEET_TIME_ZONE): string {
  const zone = { timeZone };
  const day = new Intl.DateTimeFormat('en-CA', { ...zone, dateStyle: 'short' });
  const sameDay = day.format(ts) === day.format(now);
  return new Intl.DateTimeFormat(LOCALE[lang], {
    ...zone,
    hourCycle: 'h23',
    ...(sameDay ? { timeStyle: 'medium' } : { dateStyle: 'short', timeStyle: 'short' }),
  }).format(ts);
}
