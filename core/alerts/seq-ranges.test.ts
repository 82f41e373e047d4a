import { describe, expect, it } from 'vitest';
import { addSeq, hasSeq, type SeqRanges } from './seq-ranges.ts';

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
});
