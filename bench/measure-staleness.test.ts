import { describe, expect, it } from 'vitest';
import { staleness, type Seen } from './measure-staleness.ts';

// Van A published seq 1, 2, 3 at 1000, 1100, 1200 ms; van B seq 1 at 1050 ms.
const published = new Map([
  ['A', [NaN, 1000, 1100, 1200]],
  ['B', [NaN, 1050]],
]);

describe('staleness', () => {
  it('counts each reading once per socket, from its publish to the first update covering it', () => {
    const socket: Seen = [
      ['A', 1, 1010],
      ['B', 1, 1060],
      ['A', 3, 1300], // coalesced: shows seq 2 and 3 at once
      ['A', 3, 1450], // a repeat shows nothing new
    ];
    const { samples, unshown } = staleness([socket], published);
    expect(samples.sort((a, b) => a - b)).toEqual([10, 10, 100, 200]);
    expect(unshown).toBe(0);
  });

  it('counts, per socket, the readings no update ever covered', () => {
    const slow: Seen = [['A', 2, 2000]];
    const { samples, unshown } = staleness([slow, []], published);
    expect(samples).toEqual([1000, 900]);
    // slow: A3 and B1; the silent socket: all four.
    expect(unshown).toBe(6);
  });
});
