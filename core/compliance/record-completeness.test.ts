import { describe, expect, it } from 'vitest';
import { declaredLostCovers } from './record-completeness.ts';

describe('missing records the van declared lost (issue 13)', () => {
  it.each([
    { missing: [], declared: [], covers: true },
    { missing: [{ first: 5, last: 9 }], declared: [], covers: false },
    { missing: [{ first: 5, last: 9 }], declared: [{ first: 1, last: 9 }], covers: true },
    { missing: [{ first: 5, last: 9 }], declared: [{ first: 6, last: 9 }], covers: false },
    { missing: [{ first: 5, last: 9 }], declared: [{ first: 5, last: 8 }], covers: false },
    // Two declarations that meet cover the range between them; a hole between them does not.
    {
      missing: [{ first: 5, last: 9 }],
      declared: [
        { first: 8, last: 12 },
        { first: 1, last: 7 },
      ],
      covers: true,
    },
    {
      missing: [{ first: 5, last: 9 }],
      declared: [
        { first: 1, last: 6 },
        { first: 8, last: 12 },
      ],
      covers: false,
    },
    {
      missing: [
        { first: 2, last: 2 },
        { first: 20, last: 21 },
      ],
      declared: [{ first: 1, last: 3 }],
      covers: false,
    },
  ])('$missing declared $declared → $covers', ({ missing, declared, covers }) => {
    expect(declaredLostCovers(missing, declared)).toBe(covers);
  });
});
