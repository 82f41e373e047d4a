import { describe, expect, it } from 'vitest';
import { SeenSeqs } from './influx-seen-seqs.ts';

/** Replays the recorded row changes on a plain map, as the spool's table would. */
function persist(rows: Map<number, number>, changes: Map<number, number | null>): void {
  for (const [lo, hi] of changes) {
    if (hi === null) rows.delete(lo);
    else rows.set(lo, hi);
  }
}

describe('SeenSeqs', () => {
  it('tells replays from new seqs and merges neighbours into one interval', () => {
    const seen = new SeenSeqs();
    const rows = new Map<number, number>();
    for (const seq of [5, 7, 9, 6, 8, 1]) {
      const changes = new Map<number, number | null>();
      expect(seen.add(seq, changes)).toBe(true);
      persist(rows, changes);
    }
    expect(seen.intervals()).toEqual([
      [1, 1],
      [5, 9],
    ]);
    expect([...rows].sort((a, b) => a[0] - b[0])).toEqual(seen.intervals());
    expect(seen.add(7, new Map())).toBe(false);
    expect(seen.has(4)).toBe(false);
    expect(seen.has(9)).toBe(true);
  });

  it('keeps the persisted rows equal to the set under random arrival order', () => {
    const seen = new SeenSeqs();
    const rows = new Map<number, number>();
    const order = Array.from({ length: 500 }, (_, i) => i % 250).sort(() => Math.random() - 0.5);
    let fresh = 0;
    for (const seq of order) {
      const changes = new Map<number, number | null>();
      if (seen.add(seq, changes)) fresh++;
      persist(rows, changes);
    }
    expect(fresh).toBe(250);
    expect(seen.intervals()).toEqual([[0, 249]]);
    expect([...rows]).toEqual([[0, 249]]);
    expect(SeenSeqs.from(rows).has(249)).toBe(true);
  });
});
