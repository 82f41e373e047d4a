import type { Load } from '../../core/loads/load.ts';

/**
 * The loads on board at some time in `[from, to)` (ms): picked up before `to` and not
 * delivered (or rejected) before `from`. A load still planned was never on board. Sorted by
 * pickup. Pure.
 */
export function loadsCarried(loads: readonly Load[], from: number, to: number): Load[] {
  return loads
    .filter((l) => l.pickedUpAt !== null && l.pickedUpAt < to && (l.deliveredAt ?? Infinity) >= from)
    .sort((a, b) => a.pickedUpAt! - b.pickedUpAt!);
}
