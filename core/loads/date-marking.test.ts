import { describe, expect, it } from 'vitest';
import { DateMarking, PickupRecord } from './date-marking.ts';
import { applyLoadEvent, Load, LoadEvent } from './load.ts';

const T0 = Date.UTC(2026, 11, 1, 18, 0);

/** A load as stored before issue 16: no pickup or delivery record anywhere. */
const stored = {
  id: 'LD-1',
  profile: 'minced-meat',
  weightKg: 40,
  donor: { name: 'Delhaize Mons', place: 'Mons', pickupAt: T0 },
  recipient: { id: 'resto-mons', name: 'Resto du cœur de Mons' },
  van: 'VAN-01',
  compartment: 'chilled',
  status: 'planned',
  createdAt: T0 - 3_600_000,
  pickedUpAt: null,
  deliveredAt: null,
  reception: null,
  events: [{ type: 'created', at: T0 - 3_600_000, by: 'coordinator' }],
};
const load = Load.parse(stored);

describe('DateMarking', () => {
  it.each([
    ['a use-by date', { kind: 'use-by', date: '2026-12-03', frozenByDonor: false }],
    ['a best-before date', { kind: 'best-before', date: '2027-01-31', frozenByDonor: false }],
    [
      'frozen by the donor, with the day',
      { kind: 'use-by', date: '2026-12-03', frozenByDonor: true, frozenOn: '2026-12-01' },
    ],
  ])('takes %s', (_what, marking) => {
    expect(DateMarking.parse(marking)).toEqual(marking);
  });

  it.each([
    [
      'frozen by the donor without the day',
      { kind: 'use-by', date: '2026-12-03', frozenByDonor: true },
      'frozenOn',
    ],
    [
      'a freezing day for a product not frozen',
      { kind: 'use-by', date: '2026-12-03', frozenByDonor: false, frozenOn: '2026-12-01' },
      'frozenOn',
    ],
    ['another kind of date', { kind: 'sell-by', date: '2026-12-03', frozenByDonor: false }, 'kind'],
    ['a day that does not exist', { kind: 'use-by', date: '2026-02-30', frozenByDonor: false }, 'date'],
  ])('refuses %s, naming the field', (_what, marking, field) => {
    const parsed = DateMarking.safeParse(marking);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual([field]);
  });

  it.each([-1, 241, 2.5])('refuses %s hand-over minutes (whole minutes, 0–240)', (minutes) => {
    expect(PickupRecord.safeParse({ donorHandOverMinutes: minutes }).success).toBe(false);
  });
});

describe('loads kept before issue 16 still parse, and the records travel on the events', () => {
  it('parses a stored load and its events without any of the new records', () => {
    expect(load.pickup).toBeUndefined();
    expect(LoadEvent.parse({ type: 'picked-up', at: T0, by: 'driver' })).toEqual({
      type: 'picked-up',
      at: T0,
      by: 'driver',
    });
  });

  it('keeps the pickup record on the load at pickup, and the charity hand-over at delivery', () => {
    const pickup = {
      marking: { kind: 'use-by', date: '2026-12-03', frozenByDonor: false },
      donorHandOverMinutes: 8,
    } as const;
    const up = applyLoadEvent(load, { type: 'picked-up', at: T0, by: 'driver', pickup });
    expect(up.ok && up.load.pickup).toEqual(pickup);
    if (!up.ok) return;
    const down = applyLoadEvent(up.load, {
      type: 'delivered',
      at: T0 + 3_600_000,
      by: 'driver',
      delivery: { charityHandOverMinutes: 4 },
    });
    expect(down.ok && down.load).toMatchObject({
      status: 'delivered',
      pickup,
      delivery: { charityHandOverMinutes: 4 },
    });
    if (down.ok) expect(Load.parse(JSON.parse(JSON.stringify(down.load)))).toEqual(down.load);
  });

  it('a pickup without a record leaves the load without one (unknown, not zero)', () => {
    const up = applyLoadEvent(load, { type: 'picked-up', at: T0, by: 'driver' });
    expect(up.ok && 'pickup' in up.load).toBe(false);
  });

  it.each([
    [
      'a charity hand-over at pickup',
      'planned',
      { type: 'picked-up', delivery: { charityHandOverMinutes: 4 } },
      'recorded at delivery',
    ],
    [
      'a date marking at delivery',
      'picked-up',
      { type: 'delivered', pickup: { donorHandOverMinutes: 4 } },
      'recorded at pickup',
    ],
  ] as const)('refuses %s', (_what, status, event, reason) => {
    const from = status === 'planned' ? load : { ...load, status, pickedUpAt: T0 - 1 };
    const outcome = applyLoadEvent(from, { at: T0 + 1, by: 'driver', ...event });
    expect(outcome).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });
});
