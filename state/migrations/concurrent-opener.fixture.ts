// A process that opens a state store the way every Givre service does, for
// `migrator.test.ts`: it says `ready`, waits for `go` on stdin so that all openers start
// together, opens the file with a migration that cannot run twice, and exits 0 if it could.
import { createInterface } from 'node:readline';
import type { Migration } from '../migrator.ts';
import { openStateDb } from '../state-db.ts';

/** Many rows, so that the other openers surely find the write lock taken. */
const ROWS = 20_000;

export const ONCE_ONLY: readonly Migration[] = [
  {
    version: 1,
    name: 'a table created without IF NOT EXISTS, and a long write',
    up(db) {
      db.exec('CREATE TABLE runs (pid INTEGER NOT NULL); CREATE TABLE filler (n INTEGER NOT NULL)');
      db.prepare('INSERT INTO runs (pid) VALUES (?)').run(process.pid);
      const fill = db.prepare('INSERT INTO filler (n) VALUES (?)');
      for (let n = 0; n < ROWS; n++) fill.run(n);
    },
  },
];

const file = process.argv[2];
if (file) {
  console.log('ready');
  createInterface({ input: process.stdin }).once('line', () => {
    openStateDb(file, ONCE_ONLY).close();
    process.exit(0);
  });
}
