import { SENSOR_CURRENT_MS, type VanState } from '../../core/van-state.ts';
import { pluralCategory, type Lang } from './i18n.ts';

/**
 * Whether a van's values are live or only the last thing it said (issue 12): stale when the
 * van is offline, or when its newest record is older than `SENSOR_CURRENT_MS` (5 min, the
 * longest recording interval EN 12830 allows on short trips, and the recorder-silent default).
 * Ages are device time against the viewer's clock, never negative (a van's clock a little
 * ahead). Pure: `now` is given.
 */
export interface Freshness {
  stale: boolean;
  /** ms since the newest record; `null` before the first. */
  ageMs: number | null;
}

export function freshnessOf(state: Pick<VanState, 'online' | 'lastReadingTs'>, now: number): Freshness {
  const ageMs = state.lastReadingTs === null ? null : Math.max(0, now - state.lastReadingTs);
  return { stale: state.online === false || (ageMs !== null && ageMs > SENSOR_CURRENT_MS), ageMs };
}

const WORDS: Record<
  Lang,
  { justNow: string; minutes: string; hours: string; days: Record<'one' | 'other', string> }
> = {
  fr: {
    justNow: 'il y a moins d’une minute',
    minutes: 'il y a {m} min',
    hours: 'il y a {h} h {m}',
    days: { one: 'il y a {d} jour', other: 'il y a {d} jours' },
  },
  en: {
    justNow: 'less than a minute ago',
    minutes: '{m} min ago',
    hours: '{h} h {m} ago',
    days: { one: '{d} day ago', other: '{d} days ago' },
  },
};

/** "il y a 12 min", "il y a 2 h 05", "il y a 3 jours" (whole units, rounded down). */
export function formatAge(ms: number, lang: Lang): string {
  const w = WORDS[lang];
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return w.justNow;
  if (minutes < 60) return w.minutes.replace('{m}', String(minutes));
  const hours = Math.floor(minutes / 60);
  if (hours < 24)
    return w.hours.replace('{h}', String(hours)).replace('{m}', String(minutes % 60).padStart(2, '0'));
  const days = Math.floor(hours / 24);
  return w.days[pluralCategory(days, lang)].replace('{d}', String(days));
}
