import { describe, expect, it } from 'vitest';
import { addRanges, addSeq, addSeqs, hasSeq, MAX_SEQ_RANGES, type SeqRanges } from './seq-ranges.ts';

describe('seq ranges', () => {
  it('merges contiguous seqs into one range and keeps gaps apart', () => {
    let r: SeqRanges = [];
    for (const s of [5, 6, 7, 10, 9, 1]) r = addSeq(r, s);
    expect(r).toEqual([
      [1, 1],
      [5, 7],
      [9, 10],
    ]);
    r = addSeq(r, 8);
    expect(r).toEqual([
      [1, 1],
      [5, 10],
    ]);
    expect(hasSeq(r, 7)).toBe(true);
    expect(hasSeq(r, 3)).toBe(false);
  });

  it('keeps the newest ranges when a van skips numbers more often than it keeps', () => {
    let r: SeqRanges = [];
    for (let s = 0; s < 2 * (MAX_SEQ_RANGES + 10); s += 2) r = addSeq(r, s);
    expect(r).toHaveLength(MAX_SEQ_RANGES);
    expect(r[0]).toEqual([20, 20]);
    r = addSeq(r, 2 * (MAX_SEQ_RANGES + 10) - 1);
    expect(r[r.length - 1]).toEqual([2 * (MAX_SEQ_RANGES + 9), 2 * (MAX_SEQ_RANGES + 10) - 1]);
    expect(r).toHaveLength(MAX_SEQ_RANGES);
  });

  it('adds many seqs at once as one by one, whatever their order, and leaves the ranges given as they were', () => {
    let seed = 11;
    const random = (n: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % n;
    for (let round = 0; round < 300; round++) {
      let start: SeqRanges = [];
      for (let i = random(2 * MAX_SEQ_RANGES); i > 0; i--) start = addSeq(start, random(3 * MAX_SEQ_RANGES));
      const before = JSON.stringify(start);
      const base = random(3 * MAX_SEQ_RANGES);
      const seqs = Array.from({ length: random(60) }, (_, i) =>
        round % 2 === 0 ? base + i : random(4 * MAX_SEQ_RANGES),
      );
      expect(addSeqs(start, seqs)).toEqual(seqs.reduce(addSeq, start));
      expect(JSON.stringify(start)).toBe(before);
    }
  });

  it('adds whole ranges as every seq of them one by one would, empty ranges ignored', () => {
    let seed = 5;
    const random = (n: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % n;
    for (let round = 0; round < 300; round++) {
      let start: SeqRanges = [];
      for (let i = random(MAX_SEQ_RANGES); i > 0; i--) start = addSeq(start, random(3 * MAX_SEQ_RANGES));
      const before = JSON.stringify(start);
      const more = Array.from({ length: random(6) }, () => {
        const lo = random(3 * MAX_SEQ_RANGES);
        return [lo, lo + random(8) - 1] as const; // some empty: [lo, lo - 1]
      });
      const oneByOne = more.flatMap(([lo, hi]) => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i));
      expect(addRanges(start, more)).toEqual(oneByOne.reduce(addSeq, start));
      expect(JSON.stringify(start)).toBe(before);
    }
  });
});
