import { LOCALE, type Lang } from './lang.ts';
import { TEXT } from './catalogue.ts';

/**
 * A calendar day (`YYYY-MM-DD`, as calibration records keep them) in words: "12 janvier",
 * or with `year` "3 mars 2026". Read as the day it names, whatever the viewer's zone.
 */
export function calendarDayText(day: string, lang: Lang, year = false): string {
  const at = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)), 12);
  return new Intl.DateTimeFormat(LOCALE[lang] ?? 'fr-BE', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    ...(year ? { year: 'numeric' } : {}),
  }).format(at);
}

/** "enregistreur" / "sonde T1". */
export const calibrationTargetName = (target: string, lang: Lang): string =>
  target === 'recorder' ? TEXT[lang].calibration.recorder : TEXT[lang].calibration.sensor(target);
