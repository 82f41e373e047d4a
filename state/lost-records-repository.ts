import type { LostRecords } from '../core/messages.ts';
import type { StateDb } from './state-db.ts';

/**
 * Records a van declared lost for good (issue 13): its store-and-forward storage was full
 * while offline, so it dropped its oldest readings and said which, by `seq`, in a telemetry
 * batch (`lost`). Written by ingest before it acknowledges that batch; read by the
 * certificate issuer, which then treats those missing records as declared lost rather than
 * still on their way.
 */
export interface LostRecordsRepository {
  /** Keeps the van's declaration; a redelivered one changes nothing. Returns the readings newly declared. */
  declare(van: string, ranges: readonly LostRecords[], at: number): number;
  /** The van's declared ranges that overlap `[first, last]`. */
  overlapping(van: string, first: number, last: number): LostRecords[];
}

export function createLostRecordsRepository(db: StateDb): LostRecordsRepository {
  // The table: state/migrations/003-van-lost-records.ts.
  const insert = db.prepare(
    'INSERT OR IGNORE INTO van_lost_records (van, first_seq, last_seq, declared_at) VALUES (?, ?, ?, ?)',
  );
  const overlapping = db.prepare<[string, number, number], { first: number; last: number }>(
    `SELECT first_seq AS first, last_seq AS last FROM van_lost_records
     WHERE van = ? AND last_seq >= ? AND first_seq <= ? ORDER BY first_seq`,
  );
  const declareAll = db.transaction((van: string, ranges: readonly LostRecords[], at: number) => {
    let added = 0;
    for (const r of ranges) {
      if (insert.run(van, r.first, r.last, at).changes > 0) added += r.last - r.first + 1;
    }
    return added;
  });
  return {
    declare: (van, ranges, at) => declareAll(van, ranges, at),
    overlapping: (van, first, last) => overlapping.all(van, first, last),
  };
}
