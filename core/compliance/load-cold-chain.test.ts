import { describe, expect, it } from 'vitest';
import type { Load } from '../loads/load.ts';
import { DEFAULT_PROFILES, findProfile } from '../product-profiles.ts';
import type { Reading } from '../readings.ts';
import { loadColdChain } from './load-cold-chain.ts';

const MIN = 60_000;
const FROM = Date.UTC(2026, 2, 12, 8, 0); // 09:00 in Brussels
const TO = FROM + 60 * MIN;
const poultry = findProfile(DEFAULT_PROFILES, 'poultry')!;
const complete = {
  verdict: 'compliant' as const,
  records: { complete: true, tailReceived: true, missing: [] },
};

const load = (over: Partial<Load> = {}) => ({
  compartment: 'chilled',
  status: 'delivered' as const,
  pickedUpAt: FROM,
  deliveredAt: TO,
  pickup: {
    marking: { kind: 'use-by' as const, date: '2026-03-15', frozenByDonor: false },
    donorHandOverMinutes: 10,
  },
  delivery: { charityHandOverMinutes: 5 },
  ...over,
});
const temp = (seq: number, ts: number, compartment = 'chilled'): Reading => ({
  kind: 'temperature',
  compartment,
  sensor: 'T1',
  celsius: 3,
  seq,
  ts,
});
const door = (seq: number, ts: number, open: boolean, compartment = 'chilled'): Reading => ({
  kind: 'door',
  compartment,
  open,
  seq,
  ts,
});

describe('a load’s time out of cold and disposition from its records (issue 16)', () => {
  it('adds the hand-overs and the door openings of its own compartment, a door open at delivery to the end', () => {
    const readings = [
      temp(1, FROM + MIN),
      door(2, FROM + 10 * MIN, true),
      door(3, FROM + 13 * MIN, false),
      door(4, FROM + 20 * MIN, true, 'frozen'), // another compartment's door
      door(5, TO - 2 * MIN, true),
    ];
    const { timeOutOfCold, disposition } = loadColdChain(load(), readings, complete, poultry);
    expect(timeOutOfCold).toMatchObject({
      doorOpenings: { minutes: 5, count: 2 },
      knownMinutes: 20,
      complete: true,
      standing: 'within',
    });
    expect(disposition).toMatchObject({ disposition: 'distribute', daysLeft: 3 });
  });

  it('counts the door as closed when the compartment recorded and every record is here', () => {
    const { timeOutOfCold } = loadColdChain(load(), [temp(1, FROM + MIN)], complete, poultry);
    expect(timeOutOfCold.doorOpenings).toEqual({ minutes: 0, count: 0 });
  });

  it('leaves the door unknown without any record of the compartment, or with a record missing', () => {
    const none = loadColdChain(load(), [temp(1, FROM + MIN, 'frozen')], complete, poultry);
    expect(none.timeOutOfCold).toMatchObject({ doorOpenings: { minutes: null }, standing: 'undetermined' });
    const missing = {
      ...complete,
      records: { complete: false, tailReceived: true, missing: [{ first: 2, last: 2 }] },
    };
    const gap = loadColdChain(load(), [temp(1, FROM + MIN)], missing, poultry);
    expect(gap.timeOutOfCold.doorOpenings.minutes).toBeNull();
  });

  it('takes hand-overs nobody recorded as unknown, and states no disposition without a date marking or for a refused load', () => {
    const old = loadColdChain(
      load({ pickup: undefined, delivery: undefined }),
      [temp(1, FROM)],
      complete,
      poultry,
    );
    expect(old.timeOutOfCold).toMatchObject({
      donorHandOver: { minutes: null },
      charityHandOver: { minutes: null },
      complete: false,
    });
    expect(old.disposition).toBeUndefined();
    expect(loadColdChain(load({ status: 'rejected' }), [], complete, poultry).disposition).toBeUndefined();
  });
});
