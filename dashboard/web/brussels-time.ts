import type { Lang } from './i18n.ts';

/**
 * Times as the depot reads them (issue 12): Europe/Brussels, 24-hour clock, whatever the
 * viewer's machine is set to. Pure: unit-tested in Node.
 */
export const DEPOT_ZONE = 'Europe/Brussels';

const LOCALE: Record<Lang, string> = { fr: 'fr-BE', en: 'en-GB' };

/** "26/11/2026 19:05" (fr), "26/11/2026, 19:05" (en). */
const DAY_AND_MINUTE = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
} as const;

export function formatDepotTime(ts: number, lang: Lang, zone = DEPOT_ZONE): string {
  return new Intl.DateTimeFormat(LOCALE[lang], { timeZone: zone, ...DAY_AND_MINUTE }).format(ts);
}

/** The zone's offset from UTC at `ts`, ms (Brussels: +1 h in winter, +2 h in summer). */
function offsetAt(ts: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    ...DAY_AND_MINUTE,
    second: '2-digit',
  }).formatToParts(ts);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return wall - Math.floor(ts / 1000) * 1000;
}

/**
 * Midnight at the start of a calendar day (`YYYY-MM-DD`, as `<input type="date">` gives it)
 * in the depot's zone, ms since 1970; `undefined` for anything else. `days` shifts the day
 * (1: the next midnight, the end of the day).
 */
export function depotMidnight(date: string, days = 0, zone = DEPOT_ZONE): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days);
  if (Number.isNaN(wall)) return undefined;
  // Twice: the offset at the guess may differ from the offset at the answer near a DST change.
  const guess = wall - offsetAt(wall, zone);
  return wall - offsetAt(guess, zone);
}
