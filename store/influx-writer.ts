import type { Logger } from '../platform/logger.ts';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './influx-backoff.ts';
import type { DeadLetterFile } from './influx-dead-letter.ts';
import type { InfluxCounters } from './influx-metrics.ts';
import type { InfluxSpool } from './influx-spool.ts';
import type { WriteLines, WriteOutcome } from './influx-write-client.ts';

export interface InfluxWriterOptions {
  spool: InfluxSpool;
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
  backoff?: BackoffOptions;
  now?: () => number;
}

type Retry = Extract<WriteOutcome, { kind: 'retry' }>;

/** What readiness and metrics show of the connection. */
export interface WriterStatus {
  reachable: boolean;
  /** Since when InfluxDB has been failing (ms), and why. */
  outage: { since: number; reason: string } | null;
}

/**
 * The background half of the InfluxDB store: takes batches from the head of the spool
 * (5 000 lines or 1 s, whichever first), writes them, and removes them from the spool once
 * InfluxDB has them. One request in flight at a time keeps the order of the spool, which is
 * the order of arrival. Failures that may heal (connection, 5xx, 429, 401/403/404) keep the
 * batch and retry after a backoff or the server's Retry-After; a refused batch (400) is cut
 * in halves until each refused line is alone, then that line goes to the dead-letter file.
 */
export class InfluxWriter {
  private readonly batchLines: number;
  private readonly flushIntervalMs: number;
  private readonly backoff: BackoffOptions;
  private readonly now: () => number;
  private prepared = false;
  private closing = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private sleepingIdle = false;
  private flushRequested = 0;
  private committedId = 0;
  private readonly waiters: Array<{ id: number; resolve: () => void; reject: (err: Error) => void }> = [];
  /** Lines of the head batch already dead-lettered, so that a retry after an outage does not write them twice. */
  private readonly deadInBatch = new Set<string>();
  private outage: WriterStatus['outage'] = null;

  constructor(private readonly options: InfluxWriterOptions) {
    this.batchLines = options.batchLines ?? 5_000;
    this.flushIntervalMs = options.flushIntervalMs ?? 1_000;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.now = options.now ?? Date.now;
  }

  start(): void {
    this.loop ??= this.run().catch((err: unknown) => {
      // A bug here must not leave ingest acknowledging into a spool nobody drains unnoticed.
      this.options.logger.error('InfluxDB writer stopped', { error: String(err) });
      this.outage = { since: this.now(), reason: `writer stopped: ${String(err)}` };
    });
  }

  /** Called after each append: wakes the loop when a batch may have become due. */
  notify(): void {
    if (this.sleepingIdle || this.options.spool.pendingLines >= this.batchLines) this.wake?.();
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

  /** Stops after the batch in flight (at most `timeoutMs`); what is left stays in the spool for next time. */
  async close(timeoutMs = 5_000): Promise<void> {
    this.closing = true;
    this.wake?.();
    if (this.loop) await Promise.race([this.loop, new Promise((r) => setTimeout(r, timeoutMs).unref())]);
    for (const w of this.waiters.splice(0))
      w.reject(new Error('InfluxDB store closed before the flush completed'));
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.closing) {
      if (!this.prepared) {
        const outcome = await this.options.prepare();
        if (outcome.kind === 'retry') {
          await this.retryLater(outcome, attempt++);
          continue;
        }
        this.prepared = true;
      }
      const batch = this.options.spool.head(this.batchLines);
      if (!batch) {
        await this.sleep(Infinity);
        continue;
      }
      const dueAt = batch.firstAt + this.flushIntervalMs;
      const due =
        batch.lines.length >= this.batchLines ||
        this.flushRequested > this.committedId ||
        this.now() >= dueAt;
      if (!due) {
        await this.sleep(dueAt - this.now());
        continue;
      }
      const outcome = await this.deliver(batch.lines.filter((l) => !this.deadInBatch.has(l)));
      // `close` gave up waiting for this request and closed the spool: the batch stays there
      // and is written again (idempotently) at the next start.
      if (!this.options.spool.isOpen) return;
      if (outcome) {
        if (outcome.label === 'http-404') this.prepared = false;
        await this.retryLater(outcome, attempt++);
        continue;
      }
      attempt = 0;
      this.options.spool.commit(batch.lastId);
      this.committedId = batch.lastId;
      this.deadInBatch.clear();
      this.options.counters.batches.inc();
      if (this.outage) {
        this.options.logger.info('InfluxDB is back; replaying the spool', {
          down_s: Math.round((this.now() - this.outage.since) / 1000),
          pending: this.options.spool.pendingLines,
        });
        this.outage = null;
      }
      this.settleWaiters();
    }
  }

  /** Writes lines; returns the retryable failure that stopped it, or `null` when all are written or dead-lettered. */
  private async deliver(lines: string[]): Promise<Retry | null> {
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
      this.deadInBatch.add(line);
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
    return (await this.deliver(lines.slice(0, middle))) ?? (await this.deliver(lines.slice(middle)));
  }

  private async retryLater(outcome: Retry, attempt: number): Promise<void> {
    if (!this.outage) {
      this.outage = { since: this.now(), reason: outcome.reason };
      this.options.logger.warn('InfluxDB unavailable; readings are spooled to disk and will be replayed', {
        reason: outcome.reason,
        spool: this.options.spool.path,
      });
    } else this.outage.reason = outcome.reason;
    this.options.counters.retries.inc({ reason: outcome.label });
    const delay = outcome.retryAfterMs ?? backoffDelay(attempt, this.backoff);
    await this.sleep(delay, false);
  }

  /** Waits `ms`; `notify` may cut an idle wait short, only `close` cuts a backoff short. */
  private sleep(ms: number, wakeable = true): Promise<void> {
    if (this.closing) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = Number.isFinite(ms) ? setTimeout(done, Math.max(0, ms)) : null;
      this.sleepingIdle = wakeable && ms === Infinity;
      this.wake = wakeable ? done : () => this.closing && done();
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
