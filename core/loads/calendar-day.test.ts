import { describe, expect, it } from 'vitest';
import { CalendarDay, calendarDayOf, daysBetween } from './calendar-day.ts';

describe('calendarDayOf: the day in Brussels, whatever the UTC date says', () => {
  it.each([
    ['winter, 23:59 UTC is 00:59 the next day', '2026-12-02T23:59:00Z', '2026-12-03'],
    ['winter, 22:59 UTC is still that day', '2026-12-02T22:59:00Z', '2026-12-02'],
    ['summer, 22:00 UTC is midnight the next day', '2026-07-01T22:00:00Z', '2026-07-02'],
    ['summer, 21:59:59 UTC is still that day', '2026-07-01T21:59:59Z', '2026-07-01'],
    ['the night summer time starts (29/03), 01:30 UTC is 03:30 CEST', '2026-03-29T01:30:00Z', '2026-03-29'],
    ['the night summer time ends (25/10), 23:00 UTC is midnight CET', '2026-10-25T23:00:00Z', '2026-10-26'],
  ])('%s', (_what, iso, day) => {
    expect(calendarDayOf(Date.parse(iso))).toBe(day);
  });
});

describe('daysBetween: calendar days, 23- and 25-hour days included', () => {
  it.each([
    ['2026-03-28', '2026-03-29', 1],
    ['2026-03-29', '2026-03-30', 1],
    ['2026-10-25', '2026-10-26', 1],
    ['2026-12-02', '2026-12-02', 0],
    ['2026-12-03', '2026-12-02', -1],
    ['2025-12-02', '2026-12-02', 365],
    ['2028-02-28', '2028-03-01', 2],
  ])('%s → %s: %i', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });
});

describe('CalendarDay', () => {
  it.each(['2026-12-02', '2028-02-29'])('takes %s', (day) => {
    expect(CalendarDay.safeParse(day).success).toBe(true);
  });
  it.each([
    ['a day February does not have', '2026-02-29', 'no such day'],
    ['a month that does not exist', '2026-13-01', 'no such day'],
    ['a time with it', '2026-12-02T10:00', 'YYYY-MM-DD'],
    ['day first', '02/12/2026', 'YYYY-MM-DD'],
    ['before 2020', '2019-12-31', 'between 2020'],
  ])('refuses %s, saying why', (_what, day, message) => {
    const parsed = CalendarDay.safeParse(day);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain(message);
  });
});
