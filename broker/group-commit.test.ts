import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createGroupCommit } from './group-commit.ts';

let db: Database.Database;
afterEach(() => db.close());
const open = () => {
  db = new Database(':memory:');
  db.exec('CREATE TABLE t (n INTEGER NOT NULL)');
  return { commit: createGroupCommit(db), rows: () => db.prepare('SELECT n FROM t').pluck().all() };
};

describe('group commit (broker.db)', () => {
  it('commits the writes of one turn together, in order, and resolves each once committed', async () => {
    const { commit, rows } = open();
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
    const writes = [1, 2, 3].map((n) => commit.write(() => insert.run(n).changes));
    expect(rows()).toEqual([]); // nothing written yet: the commit comes after this turn's I/O
    expect(await Promise.all(writes)).toEqual([1, 1, 1]);
    expect(rows()).toEqual([1, 2, 3]);
  });

  it('rejects every write of a commit that failed, and keeps none of them', async () => {
    const { commit, rows } = open();
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
    const good = commit.write(() => insert.run(1));
    const bad = commit.write(() => insert.run(null)); // NOT NULL: SQLite refuses
    await expect(good).rejects.toThrow(/NOT NULL/);
    await expect(bad).rejects.toThrow(/NOT NULL/);
    expect(rows()).toEqual([]);
    // The next turn commits afresh.
    await commit.write(() => insert.run(2));
    expect(rows()).toEqual([2]);
  });

  it('commits what waits when flushed, without waiting for the turn', () => {
    const { commit, rows } = open();
    void commit.write(() => db.prepare('INSERT INTO t (n) VALUES (7)').run());
    commit.flush();
    expect(rows()).toEqual([7]);
  });
});
