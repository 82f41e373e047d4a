import type { Migration } from '../migrator.ts';

/**
 * Issue 13, store-and-forward: the `seq` ranges a van declared lost for good, its local
 * storage full while offline (state/lost-records-repository.ts).
 */
export const vanLostRecords: Migration = {
  version: 3,
  name: 'van lost records: seq ranges vans declared lost at their storage bound',
  up(db) {
    db.exec(`
      CREATE TABLE van_lost_records (
        van TEXT NOT NULL,
        first_seq INTEGER NOT NULL,
        last_seq INTEGER NOT NULL,
        declared_at INTEGER NOT NULL,
        PRIMARY KEY (van, first_seq, last_seq)
      );
    `);
  },
};
