import { describe, expect, it } from 'vitest';
import type { ReceiptRange } from './messages.ts';
import { appendSeqs, coveredFrom, mergeRanges } from './receipt-ranges.ts';

const of = (...seqs: number[]) => seqs.map((seq) => ({ seq }));

describe('receipt ranges', () => {
  it('makes one range of a run of consecutive seqs, across batches', () => {
    const ranges: ReceiptRange[] = [];
    appendSeqs(ranges, of(1, 2, 3));
    appendSeqs(ranges, of(4, 5));
    expect(ranges).toEqual([[1, 5]]);
  });

  it('keeps every seq of a batch with holes, repeats or disorder, and merges them when sent', () => {
    const ranges: ReceiptRange[] = [];
    appendSeqs(ranges, of(10, 11, 11, 14, 3, 12, 13));
    expect(mergeRanges(ranges)).toEqual([
      [3, 3],
      [10, 14],
    ]);
    expect(
      mergeRanges([
        [5, 9],
        [1, 2],
        [3, 4],
        [8, 12],
      ]),
    ).toEqual([[1, 12]]);
  });

  it('tells, walking forward over sorted seqs, which a sorted receipt covers', () => {
    const ranges: ReceiptRange[] = [
      [2, 3],
      [6, 6],
    ];
    const cursor = { at: 0 };
    expect([1, 2, 3, 4, 5, 6, 7].map((seq) => coveredFrom(ranges, cursor, seq))).toEqual([
      false,
      true,
      true,
      false,
      false,
      true,
      false,
    ]);
  });
});
