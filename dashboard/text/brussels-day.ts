/**
 * Calendar days as the depot counts them (issue 12): in Europe/Brussels, whatever the
 * viewer's machine or the server is set to. Pure; shared by the pages and the certificates.
 */
export const FLEET_TIME_ZONE = 'Europe/Brussels';

/** Whether two instants fall on the same calendar day in the zone (Brussels by default). */
export function sameBrusselsDay(a: number, b: number, zone = FLEET_TIME_ZONE): boolean {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: zone, dateStyle: 'short' });
  return day.format(a) === day.format(b);
}

/** The zone's offset from UTC at `ts`, ms (Brussels: +1 h in winter, +2 h in summer). */
export function zoneOffset(ts: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(ts);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return wall - Math.floor(ts / 1000) * 1000;
}

/**
 * Midnight at the start of a calendar day (`YYYY-MM-DD`, as `<input type="date">` gives it)
 * in Brussels, ms since 1970; `undefined` for anything else. `days` shifts the day (1: the
 * next midnight, the end of the day).
 */
export function brusselsMidnight(date: string, days = 0, zone = FLEET_TIME_ZONE): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days);
  if (Number.isNaN(wall)) return undefined;
  // Twice: the offset at the guess may differ from the offset at the answer near a DST change.
  const guess = wall - zoneOffset(wall, zone);
  return wall - zoneOffset(guess, zone);
}
