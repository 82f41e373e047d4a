import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ErrorCode } from '../platform/errors.ts';
import { GivreError } from '../platform/errors.ts';
import type { SpoolAppendResult, SpoolBatch, SpoolOptions } from './influx-spool.ts';
import { spoolRowsOf, type SpoolRows } from './influx-spool-rows.ts';
import type { VanReadings } from './reading-store.ts';

/** What the store asks the spool's thread (influx-spool-worker.ts). */
export type SpoolRequest =
  | { type: 'append'; id: number; rows: SpoolRows }
  | { type: 'head'; id: number; maxLines: number; afterId: number }
  | { type: 'commit'; id: number; lastId: number }
  | { type: 'has'; id: number; van: string; seq: number }
  | { type: 'close' };

/** The spool's size after a request: the store's gauges, readiness and `flush` read these. */
export interface SpoolTotals {
  bytes: number;
  lines: number;
  lastId: number;
}

/** Its answer; id 0 tells that the file is open, or why not. */
export type SpoolReply =
  | { id: number; ok: true; value: unknown; totals: SpoolTotals }
  | { id: number; ok: false; error: { message: string; code?: ErrorCode }; totals?: SpoolTotals };

// The worker's TypeScript runs as the rest does (bin/run-ts.js), as for sqlite-writer.ts.
const RUN_TS = fileURLToPath(new URL('../bin/run-ts.js', import.meta.url));
const ENTRY = fileURLToPath(new URL('./influx-spool-worker.ts', import.meta.url));

interface Asked {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

/** A thread, and what it was asked and has not answered. */
interface Thread {
  worker: Worker;
  asked: Map<number, Asked>;
}

const errorOf = (e: { message: string; code?: ErrorCode }) =>
  e.code ? new GivreError(e.code, e.message) : new Error(e.message);

/**
 * The InfluxDB spool (influx-spool.ts) on a thread of its own (issue 14): making each reading
 * a line of line protocol, the seen-seq bookkeeping and the SQLite transaction run there, while
 * ingest's thread judges the next group — at 10 readings a message they were about a fifth of
 * that thread's work. The thread alone opens the file (its exclusive lock still keeps a second
 * Givre process out), answers in the order asked, and resolves an append once committed, so a
 * van's PUBACK still means spooled. Its size is mirrored here after every answer, for the
 * writer, the gauges and readiness. If the thread dies, what it was asked is rejected (the
 * intake retries those groups) and the next request starts a new one, which reopens the file.
 */
export class SpoolThread {
  private thread: Thread | undefined;
  private nextId = 1;
  private totals: SpoolTotals;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly options: SpoolOptions,
    first: Thread,
    totals: SpoolTotals,
  ) {
    this.thread = first;
    this.totals = totals;
  }

  /** Starts the thread and resolves once it holds the file (a `GivreError` if another process does). */
  static async open(options: SpoolOptions): Promise<SpoolThread> {
    let spool: SpoolThread | undefined;
    const { thread, opened } = SpoolThread.spawn(options, {
      totals: (totals) => spool?.mirror(totals),
      end: (t) => spool?.failed(t),
    });
    try {
      const totals = await opened;
      spool = new SpoolThread(options, thread, totals);
      return spool;
    } catch (err) {
      await thread.worker.terminate();
      throw err;
    }
  }

  get pendingLines(): number {
    return this.totals.lines;
  }

  get pendingBytes(): number {
    return this.totals.bytes;
  }

  get headId(): number {
    return this.totals.lastId;
  }

  get path(): string {
    return this.options.path;
  }

  get isOpen(): boolean {
    return this.closing === undefined;
  }

  /** As `InfluxSpool.appendMany` (a full spool refuses), resolved once the transaction has committed. */
  appendMany(batches: readonly VanReadings[]): Promise<SpoolAppendResult[]> {
    const rows = spoolRowsOf(batches);
    // Moved, not copied: the values are this request's alone.
    return this.ask((id) => ({ type: 'append', id, rows }), [rows.columns.values.buffer]) as Promise<
      SpoolAppendResult[]
    >;
  }

  head(maxLines: number, afterId = 0): Promise<SpoolBatch | null> {
    return this.ask((id) => ({ type: 'head', id, maxLines, afterId })) as Promise<SpoolBatch | null>;
  }

  async commit(lastId: number): Promise<void> {
    await this.ask((id) => ({ type: 'commit', id, lastId }));
  }

  hasSeq(van: string, seq: number): Promise<boolean> {
    return this.ask((id) => ({ type: 'has', id, van, seq })) as Promise<boolean>;
  }

  /** Lets what was asked finish, then closes the file and ends the thread. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const t = this.thread;
      this.thread = undefined;
      if (!t) return;
      const exited = new Promise<void>((resolve) => t.worker.once('exit', () => resolve()));
      t.worker.postMessage({ type: 'close' } satisfies SpoolRequest);
      await exited;
    })();
    return this.closing;
  }

  private ask(
    request: (id: number) => Exclude<SpoolRequest, { type: 'close' }>,
    transfer: ArrayBuffer[] = [],
  ): Promise<unknown> {
    if (this.closing) return Promise.reject(new Error('InfluxDB spool closed'));
    const t = (this.thread ??= this.respawn());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      t.asked.set(id, { resolve, reject });
      t.worker.postMessage(request(id), transfer);
    });
  }

  private respawn(): Thread {
    const { thread, opened } = SpoolThread.spawn(this.options, {
      totals: (totals) => this.mirror(totals),
      end: (t) => this.failed(t),
    });
    // Its file's size comes with its first answer; a failure to open rejects what it was asked.
    opened.catch(() => undefined);
    return thread;
  }

  private mirror(totals: SpoolTotals): void {
    this.totals = totals;
  }

  private failed(t: Thread): void {
    if (this.thread === t) this.thread = undefined;
  }

  private static spawn(
    options: SpoolOptions,
    hooks: { totals(totals: SpoolTotals): void; end(t: Thread): void },
  ): { thread: Thread; opened: Promise<SpoolTotals> } {
    const { path, maxBytes } = options;
    const thread: Thread = {
      worker: new Worker(RUN_TS, { argv: [ENTRY], workerData: { path, maxBytes } }),
      asked: new Map(),
    };
    let open: Asked | undefined;
    const opened = new Promise<SpoolTotals>((resolve, reject) => {
      open = { resolve: (v) => resolve(v as SpoolTotals), reject };
    });
    const failAll = (err: Error) => {
      hooks.end(thread);
      open?.reject(err);
      open = undefined;
      for (const a of thread.asked.values()) a.reject(err);
      thread.asked.clear();
    };
    thread.worker.on('message', (reply: SpoolReply) => {
      if (reply.id === 0) {
        if (reply.ok) {
          // Mirrored before any later answer is handled.
          hooks.totals(reply.totals);
          open?.resolve(reply.totals);
        } else failAll(errorOf(reply.error));
        open = undefined;
        return;
      }
      const a = thread.asked.get(reply.id);
      if (!a) return;
      thread.asked.delete(reply.id);
      if (reply.totals) hooks.totals(reply.totals);
      if (reply.ok) a.resolve(reply.value);
      else a.reject(errorOf(reply.error));
    });
    thread.worker.on('error', failAll);
    thread.worker.on('exit', (code) =>
      failAll(new Error(`the InfluxDB spool's thread ended (exit code ${code})`)),
    );
    return { thread, opened };
  }
}
