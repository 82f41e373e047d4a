import { describe, expect, it } from 'vitest';
import { sortFleet, troubleOf, type Trouble } from './fleet-order.ts';

const critical = { severity: 'critical', state: 'open' } as const;
const criticalAcked = { severity: 'critical', state: 'acknowledged' } as const;
const warning = { severity: 'warning', state: 'open' } as const;
const over = { severity: 'critical', state: 'resolved' } as const;

describe('which vans the coordinator reads first', () => {
  it.each([
    ['an open critical alert', true, [critical], 'critical'],
    ['a critical alert already acknowledged (still warm)', true, [criticalAcked], 'critical'],
    ['a warning beside a critical one', false, [warning, critical], 'critical'],
    ['a warning only (offline by its last will)', false, [warning], 'warning'],
    ['offline with no alert', false, [], 'offline'],
    ['a resolved alert only', true, [over], 'none'],
    ['nothing, status unknown', null, [], 'none'],
  ] as const)('%s', (_what, online, alerts, want) => {
    expect(troubleOf({ online }, alerts)).toBe(want);
  });

  it('sorts by trouble, then by van id', () => {
    const trouble: Record<string, Trouble> = {
      'VAN-01': 'none',
      'VAN-02': 'warning',
      'VAN-03': 'critical',
      'VAN-04': 'offline',
      'VAN-05': 'critical',
      'VAN-06': 'none',
    };
    const vans = Object.keys(trouble)
      .reverse()
      .map((van) => ({ van }));
    expect(sortFleet(vans, (v) => trouble[v.van]!).map((v) => v.van)).toEqual([
      'VAN-03',
      'VAN-05',
      'VAN-02',
      'VAN-04',
      'VAN-01',
      'VAN-06',
    ]);
  });
});
