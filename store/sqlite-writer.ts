import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ReadingRows } from './sqlite-readings-db.ts';

/** What the store asks its writer thread (sqlite-writer-worker.ts). */
export type WriterRequest = { type: 'insert'; id: number; rows: ReadingRows } | { type: 'close' };
/** Its answer to an insert: how many of each message's readings were new, or why it failed. */
export type WriterReply = { id: number; inserted: number[] } | { id: number; error: string };

/** The embedded store's writes, on a thread of their own. */
export interface SqliteWriter {
  /** Resolves once the rows are committed (one transaction), with each message's new readings. */
  insert(rows: ReadingRows): Promise<number[]>;
  /** Lets the writes asked finish, then closes the connection and ends the thread. */
  close(): Promise<void>;
}

// The worker's TypeScript runs as the rest does (bin/run-ts.js, bin/ts-hooks.js).
const RUN_TS = fileURLToPath(new URL('../bin/run-ts.js', import.meta.url));
const ENTRY = fileURLToPath(new URL('./sqlite-writer-worker.ts', import.meta.url));

interface Asked {
  resolve(inserted: number[]): void;
  reject(err: Error): void;
}

/**
 * The embedded store's writer on a second thread (issue 14): ingest's thread judges one group
 * (its rules, its state) while this one commits the next, so both cores work; a thread is
 * better-sqlite3's only way to write without blocking the one that asked. The commit is what
 * resolves `insert`, so a van's PUBACK still means stored. If the thread dies (or cannot open the file), what it was asked is rejected — the intake
 * retries those groups (store-retry.ts) — and the next write starts a new one.
 */
export function createSqliteWriter(path: string): SqliteWriter {
  /** A thread, and what it was asked and has not answered. */
  interface Thread {
    worker: Worker;
    asked: Map<number, Asked>;
  }
  let thread: Thread | undefined;
  let closing: Promise<void> | undefined;
  let nextId = 1;

  const spawn = (): Thread => {
    const t: Thread = {
      worker: new Worker(RUN_TS, { argv: [ENTRY], workerData: { path } }),
      asked: new Map(),
    };
    // Only this thread's writes fail with it: a new thread may already be writing.
    const failAll = (err: Error) => {
      if (thread === t) thread = undefined;
      for (const a of t.asked.values()) a.reject(err);
      t.asked.clear();
    };
    t.worker.on('message', (reply: WriterReply) => {
      const a = t.asked.get(reply.id);
      if (!a) return; // 0: the connection is open
      t.asked.delete(reply.id);
      if ('error' in reply) a.reject(new Error(reply.error));
      else a.resolve(reply.inserted);
    });
    t.worker.on('error', failAll);
    t.worker.on('exit', (code) => failAll(new Error(`the store's writer thread ended (exit code ${code})`)));
    return t;
  };
  // Started at once: its start (compiling its TypeScript, the connection) takes a quarter of a second.
  thread = spawn();

  return {
    insert(rows) {
      if (closing) return Promise.reject(new Error('the store is closed'));
      const t = (thread ??= spawn());
      const id = nextId++;
      return new Promise((resolve, reject) => {
        t.asked.set(id, { resolve, reject });
        t.worker.postMessage({ type: 'insert', id, rows } satisfies WriterRequest);
      });
    },
    close() {
      closing ??= (async () => {
        const t = thread;
        thread = undefined;
        if (!t) return;
        const exited = new Promise<void>((resolve) => t.worker.once('exit', () => resolve()));
        // Answered in order: the close comes after every insert asked before it.
        t.worker.postMessage({ type: 'close' } satisfies WriterRequest);
        await exited;
      })();
      return closing;
    },
  };
}
