import { describe, expect, it } from 'vitest';
import { declareBoot, missingCount, recordSeqs, type SeqTrack } from './seq-gaps.ts';

const range = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => first + i);
const feed = (...batches: number[][]) =>
  batches.reduce<SeqTrack | undefined>((t, b) => recordSeqs(t, b), undefined)!;

describe('a van’s seq gaps', () => {
  it('a contiguous stream has none', () => {
    const t = feed(range(0, 9), range(10, 19));
    expect(t).toMatchObject({ low: 0, high: 19, gaps: [] });
  });

  it('a batch that skips numbers opens a gap of exactly them', () => {
    const t = feed(range(0, 9), range(20, 29));
    expect(t.gaps).toEqual([{ first: 10, last: 19 }]);
    expect(missingCount(t)).toBe(10);
  });

  it('the late batch closes it, even arriving in pieces and out of order', () => {
    let t = feed(range(0, 9), range(20, 29));
    t = recordSeqs(t, [15, 12]);
    expect(t.gaps).toEqual([
      { first: 10, last: 11 },
      { first: 13, last: 14 },
      { first: 16, last: 19 },
    ]);
    t = recordSeqs(t, [...range(16, 19).reverse(), 10, 11, 13, 14]);
    expect(t.gaps).toEqual([]);
  });

  it('duplicates change nothing', () => {
    const once = feed(range(0, 9), range(20, 29));
    const twice = feed(range(0, 9), range(20, 29), range(20, 29), range(0, 9), [5, 5, 5]);
    expect(twice).toEqual(once);
  });

  it('a pure replay gives the same track back, so nothing is written again', () => {
    const t = feed(range(0, 9), range(20, 29));
    expect(recordSeqs(t, range(0, 9))).toBe(t);
    expect(recordSeqs(t, [15])).not.toBe(t);
  });

  it('a reading older than everything stored opens the gap below, then fills it', () => {
    let t = feed(range(100, 109));
    t = recordSeqs(t, [90]);
    expect(t.gaps).toEqual([{ first: 91, last: 99 }]);
    t = recordSeqs(t, range(91, 99));
    expect(t).toMatchObject({ low: 90, high: 109, gaps: [] });
  });

  it('a jump the van declared as its boot is no gap, whichever arrives first', () => {
    const boot = 1_700_000_000_000_000;
    const statusFirst = recordSeqs(declareBoot(feed(range(0, 9)), boot), range(boot, boot + 9));
    const readingsFirst = declareBoot(feed(range(0, 9), range(boot, boot + 9)), boot);
    expect(statusFirst.gaps).toEqual([]);
    expect(readingsFirst.gaps).toEqual([]);
  });

  it('a boot’s own first readings that never came are a gap', () => {
    const boot = 1_000;
    const t = recordSeqs(declareBoot(feed(range(0, 9)), boot), range(boot + 5, boot + 9));
    expect(t.gaps).toEqual([{ first: boot, last: boot + 4 }]);
  });

  it('a boot declared after its first readings were lost trims the gap to that boot', () => {
    const t = declareBoot(feed(range(0, 9), range(1_005, 1_009)), 1_000);
    expect(t.gaps).toEqual([{ first: 1_000, last: 1_004 }]);
  });

  it('a jump nobody declared stays a gap', () => {
    const t = declareBoot(feed(range(0, 9), range(1_000, 1_009)), 5_000);
    expect(t.gaps).toEqual([{ first: 10, last: 999 }]);
  });
});
