import type { Migration } from '../migrator.ts';

/**
 * Issue 16, recorder evidence (EN 13486): each van's calibration and periodic-verification
 * records, per target (`recorder` or a sensor id as the van reports it). Rows are only ever
 * added: a new record supersedes an older one for its target, and the history stays.
 * Calendar days are `YYYY-MM-DD` (Brussels); `entered_at` is wall ms.
 */
export const calibrationRecords: Migration = {
  version: 6,
  name: 'calibration records of vans’ recorders and sensors',
  up(db) {
    db.exec(`
      CREATE TABLE calibration_records (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        van TEXT NOT NULL,
        target TEXT NOT NULL,
        verified_on TEXT NOT NULL,
        laboratory TEXT NOT NULL,
        reference TEXT NOT NULL,
        next_due_on TEXT NOT NULL,
        entered_by TEXT NOT NULL,
        entered_at INTEGER NOT NULL
      );
      CREATE INDEX calibration_records_van ON calibration_records (van, id);
    `);
  },
};
