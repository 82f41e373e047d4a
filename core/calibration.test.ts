import { describe, expect, it } from 'vitest';
import {
  brusselsDate,
  recordsInForce,
  standingOn,
  vanStanding,
  type CalibrationRecord,
} from './calibration.ts';

const record = (over: Partial<CalibrationRecord>): CalibrationRecord => ({
  id: '1',
  van: 'VAN-01',
  target: 'recorder',
  verifiedOn: '2025-01-10',
  laboratory: 'Labo Étalon sprl',
  reference: 'CAL-1',
  nextDueOn: '2026-01-10',
  enteredBy: 'ana',
  enteredAt: 0,
  ...over,
});

/** 10:00 Brussels time (09:00 UTC in winter) on a day of January 2026. */
const morning = (day: number) => Date.UTC(2026, 0, day, 9, 0);

describe('a target’s standing at the boundaries of its due date (EN 13486 periodic verification, 30-day flag)', () => {
  it.each([
    ['31 days before', '2025-12-10', 'valid'],
    ['30 days before', '2025-12-11', 'due-soon'],
    ['1 day before', '2026-01-09', 'due-soon'],
    ['on the due day (0 days before)', '2026-01-10', 'due-soon'],
    ['the day after', '2026-01-11', 'overdue'],
  ] as const)('%s: %s → %s', (_what, today, expected) => {
    expect(standingOn('2026-01-10', today)).toBe(expected);
  });
});

describe('calendar days are Brussels days', () => {
  it('00:30 in Brussels on the day after the due day is overdue, although it is still the due day in UTC', () => {
    const justPastMidnight = Date.UTC(2026, 0, 10, 23, 30); // 11 January, 00:30 in Brussels
    expect(brusselsDate(justPastMidnight)).toBe('2026-01-11');
    expect(vanStanding([record({})], justPastMidnight).standing).toBe('overdue');
    expect(vanStanding([record({})], Date.UTC(2026, 0, 10, 22, 30)).standing).toBe('due-soon');
  });
  it('summer time: 23:30 UTC on 30 June is 1 July in Brussels', () => {
    expect(brusselsDate(Date.UTC(2026, 5, 30, 23, 30))).toBe('2026-07-01');
  });
});

describe('a van’s standing: the worst of its recorder and its sensors', () => {
  it('is unknown with nothing on record, or with sensors on record but not the recorder', () => {
    expect(vanStanding([], morning(1))).toEqual({ standing: 'unknown', nextDueOn: null });
    const sensorOnly = [record({ target: 'T1', nextDueOn: '2027-01-01' })];
    expect(vanStanding(sensorOnly, morning(1)).standing).toBe('unknown');
  });
  it('takes an overdue sensor over a valid recorder, and gives the earliest due date', () => {
    const records = [
      record({ target: 'recorder', nextDueOn: '2027-01-01' }),
      record({ id: '2', target: 'T1', nextDueOn: '2026-01-05' }),
    ];
    expect(vanStanding(records, morning(6))).toEqual({ standing: 'overdue', nextDueOn: '2026-01-05' });
    expect(vanStanding(records, morning(1))).toEqual({ standing: 'due-soon', nextDueOn: '2026-01-05' });
  });
  it('a newer record supersedes the older one for its target; a record verified later is not yet in force', () => {
    const old = record({ id: '1', nextDueOn: '2026-01-05' });
    const renewed = record({ id: '2', verifiedOn: '2026-01-04', nextDueOn: '2027-01-04', enteredAt: 5 });
    expect(vanStanding([old, renewed], morning(6)).standing).toBe('valid');
    expect(recordsInForce([old, renewed], '2026-01-03').map((r) => r.id)).toEqual(['1']);
    expect(recordsInForce([old, renewed], '2026-01-04').map((r) => r.id)).toEqual(['2']);
  });
  it('of two records verified the same day, the one entered last is in force (a correction)', () => {
    const first = record({ id: '1', reference: 'CAL-typo', enteredAt: 1 });
    const fixed = record({ id: '2', reference: 'CAL-1', enteredAt: 2 });
    expect(recordsInForce([fixed, first], '2025-06-01').map((r) => r.reference)).toEqual(['CAL-1']);
  });
  it('lists the recorder first, then sensors by id', () => {
    const records = [record({ target: 'T2' }), record({ target: 'T1' }), record({ target: 'recorder' })];
    expect(recordsInForce(records, '2025-06-01').map((r) => r.target)).toEqual(['recorder', 'T1', 'T2']);
  });
});
