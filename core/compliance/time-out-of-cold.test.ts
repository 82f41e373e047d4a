import { describe, expect, it } from 'vitest';
import { DEFAULT_PROFILES, findProfile } from '../product-profiles.ts';
import { doorOpenIntervals, type Interval } from './door-intervals.ts';
import { timeOutOfCold, type TimeOutOfColdInput } from './time-out-of-cold.ts';

const S = 1_000;
const MIN = 60 * S;
const T0 = Date.UTC(2026, 10, 26, 18, 0);
const period = { from: T0, to: T0 + 120 * MIN };
const chilled = findProfile(DEFAULT_PROFILES, 'fresh-meat')!;
const frozen = findProfile(DEFAULT_PROFILES, 'frozen')!;
const ambient = findProfile(DEFAULT_PROFILES, 'ambient')!;
/** Open from `a` to `b` minutes after pickup. */
const open = (a: number, b: number): Interval => ({ from: T0 + a * MIN, to: T0 + b * MIN });
const input = (o: Partial<TimeOutOfColdInput>): TimeOutOfColdInput => ({
  period,
  doorOpen: [],
  donorHandOverMinutes: 10,
  charityHandOverMinutes: 10,
  ...o,
});

describe('time out of cold: the parts, and the budget (30 min chilled, 15 min quick-frozen, strictly more is over)', () => {
  it.each([
    [
      '10 + 10 + a 10 min opening: exactly the budget',
      input({ doorOpen: [open(30, 40)] }),
      chilled,
      30,
      'within',
    ],
    ['one minute over the budget', input({ doorOpen: [open(30, 41)] }), chilled, 31, 'over'],
    [
      'one second over the budget',
      input({ doorOpen: [{ from: T0, to: T0 + 10 * MIN + S }] }),
      chilled,
      30 + 1 / 60,
      'over',
    ],
    [
      'two doors open at once count each minute once',
      input({ doorOpen: [open(30, 40), open(35, 45)] }),
      chilled,
      35,
      'over',
    ],
    ['openings that touch are one', input({ doorOpen: [open(30, 35), open(35, 40)] }), chilled, 30, 'within'],
    [
      'an opening from before pickup counts from pickup',
      input({ doorOpen: [open(-20, 5)] }),
      chilled,
      25,
      'within',
    ],
    [
      'an opening after delivery does not count',
      input({ doorOpen: [open(121, 200)] }),
      chilled,
      20,
      'within',
    ],
    ['no opening at all', input({}), chilled, 20, 'within'],
    [
      'no hand-over minutes at the donor: unknown, so the standing is undetermined',
      input({ donorHandOverMinutes: undefined }),
      chilled,
      10,
      'undetermined',
    ],
    [
      'an unknown part, but the known ones are already over',
      input({ charityHandOverMinutes: undefined, doorOpen: [open(0, 21)] }),
      chilled,
      31,
      'over',
    ],
    ['no door sensor: the door part is unknown', input({ doorOpen: undefined }), chilled, 20, 'undetermined'],
    [
      'quick-frozen: exactly 15 min',
      input({ donorHandOverMinutes: 5, charityHandOverMinutes: 5, doorOpen: [open(10, 15)] }),
      frozen,
      15,
      'within',
    ],
    [
      'quick-frozen: 16 min',
      input({ donorHandOverMinutes: 5, charityHandOverMinutes: 5, doorOpen: [open(10, 16)] }),
      frozen,
      16,
      'over',
    ],
    [
      'ambient goods have no cold chain to leave',
      input({ donorHandOverMinutes: 200 }),
      ambient,
      210,
      'not-applicable',
    ],
  ])('%s', (_what, given, profile, knownMinutes, standing) => {
    const t = timeOutOfCold(given, profile);
    expect(t.knownMinutes).toBeCloseTo(knownMinutes, 9);
    expect(t.standing).toBe(standing);
  });

  it('states each part, an unknown one as null rather than zero', () => {
    expect(
      timeOutOfCold(
        input({ donorHandOverMinutes: undefined, doorOpen: [open(30, 40), open(35, 45)] }),
        chilled,
      ),
    ).toEqual({
      donorHandOver: { minutes: null },
      doorOpenings: { minutes: 15, count: 1 },
      charityHandOver: { minutes: 10 },
      knownMinutes: 25,
      complete: false,
      budgetMinutes: 30,
      standing: 'undetermined',
    });
    expect(timeOutOfCold(input({ doorOpen: undefined }), chilled).doorOpenings).toEqual({
      minutes: null,
      count: null,
    });
  });

  it('takes an installation’s own budget', () => {
    const t = timeOutOfCold(input({ doorOpen: [open(30, 41)] }), chilled, {
      chilledMinutes: 45,
      frozenMinutes: 20,
    });
    expect(t).toMatchObject({ budgetMinutes: 45, standing: 'within' });
  });
});

describe('doorOpenIntervals: from door records to open spans', () => {
  const rec = (m: number, isOpen: boolean) => ({ ts: T0 + m * MIN, open: isOpen });
  it.each([
    ['open then closed', [rec(1, true), rec(4, false)], [open(1, 4)]],
    [
      'a repeated open record does not restart the opening',
      [rec(1, true), rec(2, true), rec(4, false)],
      [open(1, 4)],
    ],
    [
      'a closed record with nothing open is nothing',
      [rec(1, false), rec(2, true), rec(3, false)],
      [open(2, 3)],
    ],
    ['still open at delivery: open until delivery', [rec(100, true)], [open(100, 120)]],
    ['no records', [], []],
  ])('%s', (_what, doors, spans) => {
    expect(doorOpenIntervals(doors, period.to)).toEqual(spans);
  });
});
