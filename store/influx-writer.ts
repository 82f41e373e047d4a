import type { Logger } from '../platform/logger.ts';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './influx-backoff.ts';
import type { DeadLetterFile } from './influx-dead-letter.ts';
import type { InfluxCounters } from './influx-metrics.ts';
import type { SpoolBatch } from './influx-spool.ts';
import type { WriteLines, WriteOutcome } from './influx-write-client.ts';

/**
 * What the writer needs of the spool: the store gives it the spool's thread
 * (influx-spool-thread.ts), whose answers come later; the spool itself answers at once.
 */
export interface WriterSpool {
  /** Readings waiting for InfluxDB, and the newest row's id, as of the last answer. */
  readonly pendingLines: number;
  readonly headId: number;
  readonly isOpen: boolean;
  readonly path: string;
  head(maxLines: number, afterId: number): SpoolBatch | null | Promise<SpoolBatch | null>;
  commit(lastId: number): void | Promise<void>;
}

export interface InfluxWriterOptions {
  spool: WriterSpool;
  write: WriteLines;
  deadLetters: DeadLetterFile;
  counters: InfluxCounters;
  logger: Logger;
  /** Database set-up, run before the first write and again after a 404; `retry` means "InfluxDB is away". */
  prepare: () => Promise<WriteOutcome>;
  /** A batch is sent when it holds this many lines (issue 3: 5 000)… */
  batchLines?: number;
  /** …or when its oldest line has waited this long, ms (issue 3: 1 s). */
  flushIntervalMs?: number;
  /** Requests in flight at most (default 4). */
  concurrency?: number;
  backoff?: BackoffOptions;
  now?: () => number;
}

/**
 * Batches taken and not committed at most: written batches wait for an older one still in
 * flight, so the memory held stays bounded however long that request takes.
 */
const MAX_WINDOW = 8;

/** After the spool's thread failed to answer, ms before asking again. */
const SPOOL_RETRY_MS = 200;

type Retry = Extract<WriteOutcome, { kind: 'retry' }>;

/** What readiness and metrics show of the connection. */
export interface WriterStatus {
  reachable: boolean;
  /** Since when InfluxDB has been failing (ms), and why. */
  outage: { since: number; reason: string } | null;
}

/** A batch taken from the spool and not committed yet. */
interface InFlight {
  batch: SpoolBatch;
  /** Written (or its refused lines dead-lettered): committed once every older batch is too. */
  done: boolean;
  /** Lines of this batch already dead-lettered, so that a retry after an outage does not write them twice. */
  dead: Set<string>;
}

/**
 * The background half of the InfluxDB store: takes batches from the head of the spool
 * (5 000 lines or 1 s, whichever first), writes them, and removes them from the spool once
 * InfluxDB has them. Up to `concurrency` requests are in flight (issue 14: InfluxDB parses
 * several at once while the next is read and compressed; 4 by default: at 50 readings per
 * message `givre start` stored about a sixth more than with 2, and `influxd` spent 4.7–5.4 instead
 * of 6.3–6.7 µs of CPU a line; 8 measured no better), and the
 * spool is cut only up to the oldest batch not yet written, so a crash repeats at most those
 * batches. Writes are idempotent (a point is its series and timestamp), so their order does not
 * matter to what InfluxDB keeps — except for two readings of one series in the same ms, which
 * are one point whichever order (counted as collisions by the spool). Failures that may heal
 * (connection, 5xx, 429, 401/403/404) keep the batch and retry after a backoff or the server's
 * Retry-After, while no new batch is taken; a refused batch (400) is cut in halves until each
 * refused line is alone, then that line goes to the dead-letter file.
 */
export class InfluxWriter {
  private readonly batchLines: number;
  private readonly flushIntervalMs: number;
  private readonly concurrency: number;
  private readonly backoff: BackoffOptions;
  private readonly now: () => number;
  private prepared = false;
  private preparing: Promise<WriteOutcome> | null = null;
  private closing = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private sleepingIdle = false;
  private flushRequested = 0;
  private committedId = 0;
  /** Id of the newest row taken into a batch: the next batch is read after it. */
  private takenId = 0;
  /** Batches taken and not committed, oldest first. */
  private readonly window: InFlight[] = [];
  /**
   * Lines of written batches whose cut the spool has not answered yet: still in its
   * `pendingLines`, no longer in the window. Counted, or `notify` would take them for a due
   * batch and read the spool again on every append.
   */
  private cutting = 0;
  private readonly sending = new Set<Promise<void>>();
  /** Batches backing off after a failure: while any is, no new batch is taken. */
  private failing = 0;
  private readonly closed: Promise<void>;
  private signalClosed: () => void = () => undefined;
  private readonly waiters: Array<{ id: number; resolve: () => void; reject: (err: Error) => void }> = [];
  private outage: WriterStatus['outage'] = null;

  constructor(private readonly options: InfluxWriterOptions) {
    this.batchLines = options.batchLines ?? 5_000;
    this.flushIntervalMs = options.flushIntervalMs ?? 1_000;
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.now = options.now ?? Date.now;
    this.closed = new Promise<void>((resolve) => (this.signalClosed = resolve));
  }

  start(): void {
    this.loop ??= this.run().catch((err: unknown) => this.stopped(err));
  }

  /** Called after each append: wakes the loop when a batch may have become due. */
  notify(): void {
    if (this.sleepingIdle || this.untakenLines() >= this.batchLines) this.wake?.();
  }

  /** Resolves once everything spooled so far is in InfluxDB (or dead-lettered). */
  flush(): Promise<void> {
    const id = this.options.spool.headId;
    if (this.options.spool.pendingLines === 0 || id <= this.committedId) return Promise.resolve();
    if (this.closing) return Promise.reject(new Error('InfluxDB store closed'));
    this.flushRequested = Math.max(this.flushRequested, id);
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ id, resolve, reject }));
    this.wake?.();
    return done;
  }

  status(): WriterStatus {
    return { reachable: this.outage === null, outage: this.outage };
  }

  /** Stops after the batches in flight (at most `timeoutMs`); what is left stays in the spool for next time. */
  async close(timeoutMs = 5_000): Promise<void> {
    this.closing = true;
    this.signalClosed();
    this.wake?.();
    const settled = Promise.all([this.loop, ...this.sending]);
    await Promise.race([settled, new Promise((r) => setTimeout(r, timeoutMs).unref())]);
    for (const w of this.waiters.splice(0))
      w.reject(new Error('InfluxDB store closed before the flush completed'));
  }

  /** A bug here must not leave ingest acknowledging into a spool nobody drains unnoticed. */
  private stopped(err: unknown): void {
    this.options.logger.error('InfluxDB writer stopped', { error: String(err) });
    this.outage = { since: this.now(), reason: `writer stopped: ${String(err)}` };
  }

  /** Requests in flight (batches taken and not written yet). */
  private requests(): number {
    let n = 0;
    for (const f of this.window) if (!f.done) n++;
    return n;
  }

  /** Spooled lines not taken into a batch yet. */
  private untakenLines(): number {
    let taken = 0;
    for (const f of this.window) taken += f.batch.lines.length;
    return this.options.spool.pendingLines - taken - this.cutting;
  }

  /** Takes due batches while a request may start; the requests run on their own. */
  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.closing) {
      if (!this.prepared) {
        const outcome = await this.prepare();
        if (outcome.kind === 'retry') {
          await this.retryLater(outcome, attempt++);
          continue;
        }
        attempt = 0;
      }
      if (this.requests() >= this.concurrency || this.window.length >= MAX_WINDOW || this.failing > 0) {
        await this.sleep(Infinity, false);
        continue;
      }
      let batch: SpoolBatch | null;
      try {
        batch = await this.options.spool.head(this.batchLines, this.takenId);
      } catch (err) {
        if (this.closing) return;
        // The spool's thread died (a new one starts with the next request): read again soon.
        this.options.logger.rateLimited('influx-spool-read', 'warn', 'could not read the InfluxDB spool', {
          error: String((err as Error)?.message ?? err),
        });
        await this.pause(SPOOL_RETRY_MS);
        continue;
      }
      if (this.closing) return;
      if (!batch) {
        await this.sleep(Infinity);
        continue;
      }
      const dueAt = batch.firstAt + this.flushIntervalMs;
      const due =
        batch.lines.length >= this.batchLines || this.flushRequested > this.takenId || this.now() >= dueAt;
      if (!due) {
        await this.sleep(dueAt - this.now());
        continue;
      }
      this.takenId = batch.lastId;
      const flight: InFlight = { batch, done: false, dead: new Set() };
      this.window.push(flight);
      const sent = this.send(flight).catch((err: unknown) => this.stopped(err));
      this.sending.add(sent);
      void sent.finally(() => this.sending.delete(sent));
    }
  }

  /** Database set-up, once for all the requests that need it at the same time. */
  private async prepare(): Promise<WriteOutcome> {
    this.preparing ??= this.options.prepare().finally(() => (this.preparing = null));
    const outcome = await this.preparing;
    if (outcome.kind !== 'retry') this.prepared = true;
    return outcome;
  }

  /** Writes one batch until it is in InfluxDB (or dead-lettered), then commits what it can. */
  private async send(flight: InFlight): Promise<void> {
    let attempt = 0;
    for (;;) {
      if (!this.prepared) {
        const outcome = await this.prepare();
        if (this.closing) return;
        if (outcome.kind === 'retry') {
          await this.backOff(outcome, attempt++);
          continue;
        }
      }
      const { lines } = flight.batch;
      const failure = await this.deliver(
        flight.dead.size === 0 ? lines : lines.filter((l) => !flight.dead.has(l)),
        flight.dead,
      );
      // `close` gave up waiting for this request and closed the spool: the batch stays there
      // and is written again (idempotently) at the next start.
      if (!this.options.spool.isOpen) return;
      if (!failure) break;
      if (this.closing) return;
      if (failure.label === 'http-404') this.prepared = false;
      await this.backOff(failure, attempt++);
    }
    flight.done = true;
    await this.commitWritten();
    this.wake?.();
  }

  /** A batch's backoff: no new batch is taken meanwhile, and `close` ends it. */
  private async backOff(outcome: Retry, attempt: number): Promise<void> {
    this.failing++;
    try {
      await this.retryLater(outcome, attempt);
    } finally {
      this.failing--;
      this.wake?.();
    }
  }

  /** Cuts the spool after the oldest batches that are all written, and frees their places. */
  private async commitWritten(): Promise<void> {
    let lastId = 0;
    let batches = 0;
    let lines = 0;
    while (this.window[0]?.done) {
      const { batch } = this.window.shift() as InFlight;
      lastId = batch.lastId;
      lines += batch.lines.length;
      batches++;
    }
    if (batches === 0) return;
    this.cutting += lines;
    try {
      if (!(await this.cut(lastId))) return;
    } finally {
      this.cutting -= lines;
    }
    this.committedId = Math.max(this.committedId, lastId);
    this.options.counters.batches.inc({}, batches);
    if (this.outage) {
      this.options.logger.info('InfluxDB is back; replaying the spool', {
        down_s: Math.round((this.now() - this.outage.since) / 1000),
        pending: this.options.spool.pendingLines,
      });
      this.outage = null;
    }
    this.settleWaiters();
    this.wake?.();
  }

  /** Writes lines; returns the retryable failure that stopped it, or `null` when all are written or dead-lettered. */
  private async deliver(lines: string[], dead: Set<string>): Promise<Retry | null> {
    if (lines.length === 0) return null;
    const outcome = await this.options.write(lines);
    if (outcome.kind === 'written') {
      this.options.counters.linesWritten.inc({}, lines.length);
      return null;
    }
    this.options.counters.writeErrors.inc({ reason: outcome.kind === 'retry' ? outcome.label : 'refused' });
    if (outcome.kind === 'retry') return outcome;
    if (lines.length === 1) {
      const line = lines[0] as string;
      this.options.deadLetters.write([
        { at: new Date(this.now()).toISOString(), status: outcome.status, reason: outcome.reason, line },
      ]);
      dead.add(line);
      this.options.counters.deadLetters.inc();
      this.options.logger.rateLimited(
        'influx-dead-letter',
        'warn',
        'InfluxDB refused a reading: dead-lettered',
        {
          reason: outcome.reason,
          file: this.options.deadLetters.path,
        },
      );
      return null;
    }
    // Halves are sent again whole: points InfluxDB already took are overwritten with
    // themselves (same series and timestamp), so the search costs requests, not duplicates.
    const middle = Math.ceil(lines.length / 2);
    return (
      (await this.deliver(lines.slice(0, middle), dead)) ?? (await this.deliver(lines.slice(middle), dead))
    );
  }

  /** Waits out a failure (a backoff, or the server's Retry-After); only `close` cuts it short. */
  private async retryLater(outcome: Retry, attempt: number): Promise<void> {
    if (!this.outage) {
      this.outage = { since: this.now(), reason: outcome.reason };
      this.options.logger.warn('InfluxDB unavailable; readings are spooled to disk and will be replayed', {
        reason: outcome.reason,
        spool: this.options.spool.path,
      });
    } else this.outage.reason = outcome.reason;
    this.options.counters.retries.inc({ reason: outcome.label });
    await this.pause(outcome.retryAfterMs ?? backoffDelay(attempt, this.backoff));
  }

  /**
   * Removes the spool's rows up to `lastId`; false if the store closed first. Cuts answer in
   * the order asked, so a later cut never lands before an earlier one.
   */
  private async cut(lastId: number): Promise<boolean> {
    for (;;) {
      try {
        await this.options.spool.commit(lastId);
        return true;
      } catch (err) {
        // Those rows stay spooled (sent again at the next start if need be).
        if (this.closing || !this.options.spool.isOpen) return false;
        this.options.logger.rateLimited('influx-spool-cut', 'warn', 'could not cut the InfluxDB spool', {
          error: String((err as Error)?.message ?? err),
        });
        await this.pause(SPOOL_RETRY_MS);
      }
    }
  }

  /** A wait only `close` cuts short. */
  private async pause(ms: number): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([this.closed, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
  }

  /** The loop's wait: `notify` may cut an idle wait short, a freed place or `close` any. */
  private sleep(ms: number, wakeable = true): Promise<void> {
    if (this.closing) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = Number.isFinite(ms) ? setTimeout(done, Math.max(0, ms)) : null;
      this.sleepingIdle = wakeable && ms === Infinity;
      this.wake = done;
      function done() {
        if (timer) clearTimeout(timer);
        resolve();
      }
    }).finally(() => {
      this.wake = null;
      this.sleepingIdle = false;
    });
  }

  private settleWaiters(): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const w = this.waiters[i] as (typeof this.waiters)[number];
      if (w.id <= this.committedId) {
        this.waiters.splice(i, 1);
        w.resolve();
      }
    }
  }
}
