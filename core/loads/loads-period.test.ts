import { describe, expect, it } from 'vitest';
import { context, MIN, ramp, raises, run, T0, temps } from '../alerts/rule-test-kit.ts';
import { tripPeriod } from '../alerts/trip-period.ts';
import { loadPeriodKey, loadsPeriodOf, type OnBoardLoad } from './loads-period.ts';

const T = T0;
const A: OnBoardLoad = { id: 'LD-A', pickedUpAt: T };
const B: OnBoardLoad = { id: 'LD-B', pickedUpAt: T + 30 * MIN };
const B0: OnBoardLoad = { id: 'LD-B', pickedUpAt: T };

describe('loadPeriodKey: the cumulative rule counts per load on board', () => {
  it.each([
    ['nothing on board', [], T, null],
    ['a reading before the only pickup', [A], T - 1, null],
    ['the pickup instant itself', [A], T, 'load-LD-A'],
    ['one load on board', [A], T + 10 * MIN, 'load-LD-A'],
    ['a second load joins: the count carries on with the first', [A, B], T + 40 * MIN, 'load-LD-A'],
    ['order of the lookup does not matter', [B, A], T + 40 * MIN, 'load-LD-A'],
    ['before the second pickup only the first counts', [B], T + 10 * MIN, null],
    ['after the first is delivered the next one starts its own', [B], T + 40 * MIN, 'load-LD-B'],
    ['same pickup time: the smaller id, so every process agrees', [B0, A], T, 'load-LD-A'],
  ])('%s', (_what, onBoard: OnBoardLoad[], ts: number, key: string | null) => {
    expect(loadPeriodKey(onBoard, ts)).toBe(key);
  });
});

describe('loadsPeriodOf', () => {
  const trip = (_v: string, _c: string, ts: number, n: number) => tripPeriod(n, ts, 12);
  const lookup = (van: string, compartment: string) =>
    van === 'VAN-01' && compartment === 'chilled' ? [A] : [];

  it.each([
    ['the load on board of that van and compartment', 'VAN-01', 'chilled', T + MIN, 'load-LD-A'],
    ['another compartment falls back to the trip', 'VAN-01', 'frozen', T + MIN, tripPeriod(3, T + MIN, 12)],
    ['another van falls back to the trip', 'VAN-02', 'chilled', T + MIN, tripPeriod(3, T + MIN, 12)],
    ['before pickup: the trip', 'VAN-01', 'chilled', T - MIN, tripPeriod(3, T - MIN, 12)],
  ])('%s', (_what, van, compartment, ts, period) => {
    expect(loadsPeriodOf(lookup, trip)(van, compartment, ts, 3)).toBe(period);
  });
});

describe('the cumulative alert with loads on board', () => {
  // 10 min above the limit every 30 min, never 15 min in a row: only the cumulative rule sees it.
  const series = ramp(0, 180, (m) => (m % 30 < 10 ? 8 : 3));
  const pickup: OnBoardLoad = { id: 'LD-A', pickedUpAt: T0 + 60 * MIN };
  const byLoad = {
    ...context(),
    periodOf: loadsPeriodOf(
      () => [pickup],
      (_v, _c, ts, trip) => tripPeriod(trip, ts, 12),
    ),
  };

  it.each([
    ['per trip, the breaches before pickup count', context(), T0],
    ['per load, the count starts at pickup', byLoad, T0 + 60 * MIN],
  ])('%s', (_what, ctx, startedAt) => {
    const { events } = run([temps(series)], ctx);
    expect(raises(events, 'cumulative')).toEqual([expect.objectContaining({ startedAt })]);
  });
});
