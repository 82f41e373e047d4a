import { FLEET_TIME_ZONE, sameBrusselsDay } from './brussels-day.ts';
import { TEXT } from './catalogue.ts';
import { LOCALE, type Lang } from './lang.ts';

/**
 * Every number, time and count a person reads, formatted once for the pages and the
 * certificates (issue 12): Brussels time on a 24-hour clock whatever the viewer's device
 * says, °C with the language's decimal separator. Pure: no DOM, no Node.
 */

export interface TimeStyle {
  /**
   * 'year' (default): day, month and four-digit year ("26/11/2026 21:04"); 'day': day and
   * month ("26/11 21:04"), where the year is plain from the page; 'none': the time alone.
   */
  date?: 'year' | 'day' | 'none';
  seconds?: boolean;
  /**
   * The zone after the time ("UTC+1", "CEST") where a time is evidence (certificates), so a
   * reader in another zone, or across a change of summer time, reads the same instant.
   */
  zone?: boolean;
}

export function formatTime(
  ms: number,
  lang: Lang,
  style: TimeStyle = {},
  timeZone = FLEET_TIME_ZONE,
): string {
  const date = style.date ?? 'year';
  return new Intl.DateTimeFormat(LOCALE[lang], {
    timeZone,
    hourCycle: 'h23',
    ...(date === 'none' ? {} : { day: '2-digit', month: '2-digit' }),
    ...(date === 'year' ? { year: 'numeric' } : {}),
    hour: '2-digit',
    minute: '2-digit',
    ...(style.seconds ? { second: '2-digit' } : {}),
    ...(style.zone ? { timeZoneName: 'short' } : {}),
  }).format(ms);
}

/** A time as evidence (certificates): "12/03/2025 09:30 UTC+1", "12/03/2025, 09:30 CET". */
export const formatInstant = (ms: number, lang: Lang): string => formatTime(ms, lang, { zone: true });

/** A chart's tick: "09:30", or "13/03 09:30" across days; no room for English's comma. */
export function formatTick(ms: number, lang: Lang, withDay: boolean): string {
  return formatTime(ms, lang, { date: withDay ? 'day' : 'none' }).replace(',', '');
}

/**
 * A reading's device time: the time alone (to the second) when it is from today, else date
 * and time, so that a van silent since yesterday is obvious.
 */
export function formatReadingTime(ms: number, lang: Lang, now: number, timeZone = FLEET_TIME_ZONE): string {
  return sameBrusselsDay(ms, now, timeZone)
    ? formatTime(ms, lang, { date: 'none', seconds: true }, timeZone)
    : formatTime(ms, lang, { date: 'year' }, timeZone);
}

/** The zone's name at an instant, as a chart's caption says it: "UTC+1", "CEST". */
export function zoneName(ms: number, lang: Lang, timeZone = FLEET_TIME_ZONE): string {
  const parts = new Intl.DateTimeFormat(LOCALE[lang], { timeZone, timeZoneName: 'short' }).formatToParts(ms);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

export interface CelsiusStyle {
  /**
   * 'reading' (default): one decimal, as EN 12830 recorders resolve 0.1 °C ("3,4 °C");
   * 'limit': as the law writes a limit, no trailing ",0" ("2 °C") but a decimal it has ("4,5 °C").
   */
  precision?: 'reading' | 'limit';
  /** The minus sign (U+2212) instead of the hyphen: print typography, the PDF's font has it. */
  minusSign?: boolean;
}

/** °C in the language's decimals ("3,4 °C", "3.4 °C"); no value is "—". */
export function formatCelsius(celsius: number | null, lang: Lang, style: CelsiusStyle = {}): string {
  if (celsius === null) return '—';
  const n = new Intl.NumberFormat(LOCALE[lang], {
    maximumFractionDigits: 1,
    minimumFractionDigits: style.precision === 'limit' ? 0 : 1,
  }).format(celsius);
  return `${style.minusSign ? n.replace(/^-/, '\u2212') : n} °C`;
}

/** A limit as the law writes it: "2 °C", "-18 °C", "4,5 °C". */
export const formatLimit = (celsius: number, lang: Lang): string =>
  formatCelsius(celsius, lang, { precision: 'limit' });

/** "30 s" under a minute (a recording interval of 30 s is not "0 min"), else "40 min", "2 h 05 min". */
export function formatDuration(ms: number): string {
  if (ms > 0 && ms < 59_500) return `${Math.max(1, Math.round(ms / 1000))} s`;
  const minutes = Math.round(ms / 60_000);
  const h = Math.floor(minutes / 60);
  return h > 0 ? `${h} h ${String(minutes % 60).padStart(2, '0')} min` : `${minutes} min`;
}

/**
 * How long ago, as a van card says it: "il y a 12 min", "il y a 2 h 05", "il y a 3 jours"
 * (whole units, rounded down; under a minute, "il y a moins d’une minute").
 */
export function formatAge(ms: number, lang: Lang): string {
  const ago = TEXT[lang].common.ago;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return ago.justNow;
  if (minutes < 60) return ago.minutes(minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return ago.hours(hours, String(minutes % 60).padStart(2, '0'));
  return ago.days(Math.floor(hours / 24));
}

/** A weight with the language's digit grouping: "1 250 kg" (narrow space), "1,250 kg", "12,5 kg". */
export function formatWeight(kg: number, lang: Lang): string {
  return `${new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 3 }).format(kg)} kg`;
}

/**
 * A number as a person would type it back into a form: the language's decimal mark, no digit
 * grouping ("12,5" in French, "12.5" in English), every decimal kept.
 */
export function formatEditableNumber(n: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALE[lang], { useGrouping: false, maximumFractionDigits: 20 }).format(n);
}

/** A whole percentage: "87 %" in French (with its narrow space), "87%" in English. */
export function formatPercent(percent: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALE[lang], { style: 'percent', maximumFractionDigits: 0 }).format(
    percent / 100,
  );
}

/** "1 chargement", "2 chargements": French puts 0 and 1 in the singular, English only 1. */
export function pluralCategory(n: number, lang: Lang): 'one' | 'other' {
  return new Intl.PluralRules(LOCALE[lang]).select(n) === 'one' ? 'one' : 'other';
}

/** A position to four decimals (about 10 m), with its hemispheres: "50,4542° N · 3,9523° E". */
export function formatCoordinates(p: { lat: number; lon: number }, lang: Lang): string {
  const n = new Intl.NumberFormat(LOCALE[lang], { minimumFractionDigits: 4, maximumFractionDigits: 4 });
  const { compass, coordinates } = TEXT[lang].common;
  const lat = `${n.format(Math.abs(p.lat))}° ${p.lat >= 0 ? compass.north : compass.south}`;
  const lon = `${n.format(Math.abs(p.lon))}° ${p.lon >= 0 ? compass.east : compass.west}`;
  return `${lat}${coordinates}${lon}`;
}

/** A word of the catalogue as a label or a heading: its first letter in capitals. */
export function capitalise(text: string, lang: Lang): string {
  return text.charAt(0).toLocaleUpperCase(LOCALE[lang]) + text.slice(1);
}

/** A verdict as a certificate's headline: "NON CONFORME", "DONNÉES INCOMPLÈTES". */
export function shout(text: string, lang: Lang): string {
  return text.toLocaleUpperCase(LOCALE[lang]);
}
