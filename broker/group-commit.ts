import type Database from 'better-sqlite3';

interface Pending {
  write: () => unknown;
  resolve: (result: unknown) => void;
  reject: (err: unknown) => void;
}

export interface GroupCommit {
  /** Runs `write` in the next commit; resolves with what it returned once that commit is in the WAL. */
  write<T>(write: () => T): Promise<T>;
  /** Commits what waits now (at close). */
  flush(): void;
}

/**
 * The writes of one turn of the event loop in one SQLite transaction (issue 13). Each commit
 * writes whole pages of the table and of each index it touches to the WAL, and what goes into
 * the WAL is synced at every checkpoint: one commit per statement made a QoS 1 message cost
 * three commits (queued, sent, acknowledged). Every message, every PUBACK that arrived in the
 * same turn now shares one; each write's promise resolves only once its commit is done, so
 * nothing is acknowledged earlier than before — one turn later at most.
 *
 * A write that throws is an SQLite error (the statements' own outcomes are returned, never
 * thrown): the transaction is rolled back and every write of it rejected, as none was made.
 */
export function createGroupCommit(db: Database.Database): GroupCommit {
  let pending: Pending[] = [];
  const commit = db.transaction((writes: Pending[]) => writes.map((w) => w.write()));

  const flush = () => {
    const writes = pending;
    pending = [];
    if (writes.length === 0) return;
    let results: unknown[];
    try {
      results = commit(writes);
    } catch (err) {
      for (const w of writes) w.reject(err);
      return;
    }
    writes.forEach((w, i) => w.resolve(results[i]));
  };

  return {
    write<T>(write: () => T) {
      return new Promise<T>((resolve, reject) => {
        pending.push({ write, resolve: resolve as (result: unknown) => void, reject });
        // After the I/O of this turn: every packet read meanwhile joins the same commit.
        if (pending.length === 1) setImmediate(flush);
      });
    },
    flush,
  };
}
