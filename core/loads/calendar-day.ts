import { z } from 'zod';

/**
 * The zone whose calendar the network's dates follow: a label's use-by day ends at midnight
 * in Brussels, whatever zone the server or the reader's phone is set to.
 */
export const NETWORK_TIME_ZONE = 'Europe/Brussels';

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` → ms of that day's 00:00 UTC (calendar arithmetic only); `undefined` if not a real day. */
function utcMidnight(day: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2026-02-30 over to March: refuse a day the calendar does not have.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return undefined;
  return ms;
}

/**
 * A calendar day as printed on a label and as `<input type="date">` gives it: `YYYY-MM-DD`,
 * a real day of the Gregorian calendar between 2020 and 2100. No time and no zone: it is
 * the day in Brussels (NETWORK_TIME_ZONE).
 */
export const CalendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a calendar day, YYYY-MM-DD')
  .refine((s) => utcMidnight(s) !== undefined, 'no such day in the calendar')
  .refine((s) => s >= '2020-01-01' && s < '2100-01-01', 'a day between 2020 and 2099');
export type CalendarDay = z.infer<typeof CalendarDay>;

const formats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day in the zone (Brussels by default) of an instant, ms since 1970 UTC. */
export function calendarDayOf(ts: number, zone = NETWORK_TIME_ZONE): CalendarDay {
  let format = formats.get(zone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formats.set(zone, format);
  }
  return format.format(ts);
}

/**
 * Whole days from `from` to `to` (both `YYYY-MM-DD`): 0 on the same day, 1 when `to` is the
 * next day, −1 the day before. Counted on the calendar, so a day of 23 or 25 hours (a change
 * of summer time) is one day like any other.
 */
export function daysBetween(from: CalendarDay, to: CalendarDay): number {
  const a = utcMidnight(from);
  const b = utcMidnight(to);
  if (a === undefined || b === undefined)
    throw new RangeError(`not a calendar day: ${a === undefined ? from : to}`);
  return Math.round((b - a) / DAY_MS);
}
