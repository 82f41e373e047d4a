import type { Migration } from '../migrator.ts';

/**
 * Issue 13, gaps in a van's sequence: what ingest knows of each van's numbering (lowest and
 * highest seq stored, open gaps, declared boots; core/gaps/seq-gaps.ts), one JSON row per van,
 * written by ingest before it acknowledges the readings, so a restarted ingest knows them.
 */
export const seqGaps: Migration = {
  version: 4,
  name: 'seq gaps: each van’s open gaps in its reading numbers',
  up(db) {
    db.exec(`
      CREATE TABLE seq_tracks (
        van TEXT PRIMARY KEY,
        track TEXT NOT NULL
      );
    `);
  },
};
