import type { Reading } from '../core/readings.ts';
import type { VanState } from '../core/van-state.ts';

/** Events that cross services inside one process (`givre start`). */
export interface GivreEvents {
  /** Readings durably stored for a van (duplicates already removed). */
  'readings-stored': { van: string; readings: readonly Reading[] };
  /** A van's latest state changed (readings or status). */
  'van-state': VanState;
}
