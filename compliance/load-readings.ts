import type { Load } from '../core/loads/load.ts';
import type { Reading } from '../core/readings.ts';
import { GivreError } from '../platform/errors.ts';
import type { ReadingStore } from '../store/reading-store.ts';

/**
 * The records a delivered load's certificate is computed from: its van's readings from
 * pickup to delivery, both included. The issuer (ingest) and the CSV (dashboard) read the
 * same ones.
 */
export async function readingsOfLoad(
  store: Pick<ReadingStore, 'readings' | 'flush'>,
  load: Pick<Load, 'id' | 'van' | 'pickedUpAt' | 'deliveredAt'>,
): Promise<Reading[]> {
  if (load.pickedUpAt === null || load.deliveredAt === null)
    throw new GivreError('GIVRE_ERR_BAD_REQUEST', `load ${load.id} is not delivered yet`);
  await store.flush();
  // `to` is exclusive in the store; the delivery instant itself belongs to the load.
  return store.readings(load.van, load.pickedUpAt, load.deliveredAt + 1);
}
