import { describe, expect, it } from 'vitest';
import type { Load } from '../../core/loads/load.ts';
import { loadsCarried } from './loads-carried.ts';

const load = (id: string, pickedUpAt: number | null, deliveredAt: number | null) =>
  ({ id, pickedUpAt, deliveredAt }) as Load;

describe('loads carried in a range', () => {
  it('keeps the loads on board at some time in [from, to), by pickup', () => {
    const loads = [
      load('on-board', 50, null),
      load('before', 0, 10),
      load('across', 5, 30),
      load('after', 100, 120),
      load('planned', null, null),
      load('ends-at-from', 1, 20),
    ];
    expect(loadsCarried(loads, 20, 100).map((l) => l.id)).toEqual(['ends-at-from', 'across', 'on-board']);
  });
});
