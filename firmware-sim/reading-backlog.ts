import { MAX_LOST_RANGES_PER_BATCH, type LostRecords, type ReceiptRange } from '../core/messages.ts';
import type { Reading } from '../core/readings.ts';
import { coveredFrom, mergeRanges } from '../core/receipt-ranges.ts';
import { openBacklogJournal, type BacklogJournal, type JournalEntry } from './backlog-journal.ts';

/** Default bound: 100 000 readings ≈ 3.5 days of one van at 10 readings every 30 s. */
export const DEFAULT_MAX_BACKLOG_READINGS = 100_000;

export interface ReadingBacklogOptions {
  /** Most readings kept; beyond it the oldest are dropped and declared lost. */
  maxReadings: number;
  /** The durable file (`{stateDir}/{van}.outbox.jsonl`); without it the backlog is in memory only. */
  file?: string;
}

/** What the next telemetry message carries: the oldest readings, and the ranges declared lost. */
export interface BacklogBatch {
  readings: Reading[];
  lost: LostRecords[];
}

/** One reading waiting, and what the van knows of the last message that carried it. */
interface Held {
  r: Reading;
  /** Clock time of that message's PUBACK, ms; undefined while the reading waits to be sent (again). */
  sentAt: number | undefined;
  /** The highest seq that message declared lost; -1 when it declared none. */
  declared: number;
}

/**
 * Store-and-forward of a van's readings (issue 13): every reading waits here, oldest first,
 * until ingest's receipt says it is stored (`receipt`), or, for a van without receipts, until
 * a PUBACK for the message carrying it came back (`acknowledge`). With receipts a PUBACK only
 * marks it sent (`sent`): the broker may still lose it, and `resend` puts it back in line
 * after a reconnect or a receipt that never came. Bounded, because a van's flash is: at
 * the bound the oldest readings go (the most recent matter most for a live alert), and their
 * seq range is declared lost in the next message, so downstream knows they will never come.
 * With a file, every change is journalled before it takes effect, so a killed process
 * restarts with exactly its backlog and its next seq.
 */
export function openReadingBacklog(options: ReadingBacklogOptions) {
  if (!Number.isInteger(options.maxReadings) || options.maxReadings < 1) {
    throw new Error('backlog bound: a positive whole number of readings');
  }
  const journal: BacklogJournal | undefined = options.file ? openBacklogJournal(options.file) : undefined;
  let held: Held[] = [];
  /** Every reading before this index has been sent: where `batch` starts looking. */
  let firstUnsent = 0;
  let lost: LostRecords[] = [];
  let next: number | undefined;
  let dropped = 0;
  let linesInFile = 0;

  const declareLost = (range: LostRecords) => {
    const last = lost.at(-1);
    if (last && last.last + 1 >= range.first) last.last = Math.max(last.last, range.last);
    else lost.push({ ...range });
    // Past the message's limit, the two oldest ranges become one: the seqs between them were
    // delivered, and declaring a delivered record lost changes nothing downstream.
    while (lost.length > MAX_LOST_RANGES_PER_BATCH) {
      const [a, b] = lost.splice(0, 2) as [LostRecords, LostRecords];
      lost.unshift({ first: a.first, last: b.last });
    }
  };
  const keep = (kept: Held[]) => {
    held = kept;
    firstUnsent = 0;
  };
  const drop = (range: LostRecords) => {
    keep(held.filter((h) => h.r.seq > range.last));
    declareLost(range);
  };
  /** The declarations up to `upTo` reached ingest (or the broker, without receipts): they leave. */
  const declared = (upTo: number) => {
    lost = lost
      .filter((l) => l.last > upTo)
      .map((l) => ({ first: Math.max(l.first, upTo + 1), last: l.last }));
  };
  const acknowledge = (lastSeq: number) => {
    keep(held.filter((h) => h.r.seq > lastSeq));
    declared(lastSeq);
  };
  /** What a receipt of sorted, disjoint `ranges` leaves, and the declarations it proves arrived. */
  const afterReceipt = (ranges: readonly ReceiptRange[]) => {
    const cursor = { at: 0 };
    const kept: Held[] = [];
    let lostUpTo = -1;
    for (const h of held) {
      if (!coveredFrom(ranges, cursor, h.r.seq)) kept.push(h);
      else if (h.sentAt !== undefined) lostUpTo = Math.max(lostUpTo, h.declared);
    }
    return { kept, lostUpTo };
  };
  const apply = (entry: JournalEntry) => {
    if ('next' in entry) next = Math.max(next ?? 0, entry.next);
    else if ('r' in entry) {
      held.push({ r: entry.r, sentAt: undefined, declared: -1 });
      next = Math.max(next ?? 0, entry.r.seq + 1);
    } else if ('ack' in entry) acknowledge(entry.ack);
    else if ('rcpt' in entry) {
      keep(afterReceipt(entry.rcpt).kept);
      if (entry.lost !== undefined) declared(entry.lost);
    } else drop(entry.drop);
  };
  const snapshot = (): JournalEntry[] => [
    { next: next ?? 0 },
    ...lost.map((range) => ({ drop: range })),
    ...held.map((h) => ({ r: h.r })),
  ];
  const write = (entries: JournalEntry[]) => {
    if (!journal) return;
    journal.append(entries);
    linesInFile += entries.length;
  };
  const compactIfWorth = () => {
    if (!journal) return;
    // Rewrite once the file holds more acknowledged lines than live ones: each line is
    // written at most about twice over its life, and an online van's file stays tiny.
    const live = held.length + lost.length + 1;
    if (linesInFile > 2 * live + 64 || (held.length === 0 && linesInFile > 1)) {
      const entries = snapshot();
      journal.rewrite(entries);
      linesInFile = entries.length;
    }
  };

  if (journal?.restored) {
    for (const entry of journal.restored) apply(entry);
    // Also drops a torn last line before anything is appended after it.
    const entries = snapshot();
    journal.rewrite(entries);
    linesInFile = entries.length;
  }

  return {
    /** The seq after the last one this van's file knows; undefined without a file (or a new one). */
    nextSeq: (): number | undefined => next,
    /** Keeps one recording's readings (durably, with a file), dropping the oldest past the bound. */
    add(recorded: readonly Reading[]): void {
      if (recorded.length === 0) return;
      const entries: JournalEntry[] = recorded.map((r) => ({ r }));
      // Readings sent and awaiting their receipt count too: the van still holds them.
      const excess = held.length + recorded.length - options.maxReadings;
      let range: LostRecords | undefined;
      if (excess > 0) {
        const seqAt = (i: number) => (i < held.length ? held[i]!.r.seq : recorded[i - held.length]!.seq);
        range = { first: seqAt(0), last: seqAt(excess - 1) };
        entries.push({ drop: range });
      }
      write(entries);
      for (const r of recorded) held.push({ r, sentAt: undefined, declared: -1 });
      next = Math.max(next ?? 0, recorded.at(-1)!.seq + 1);
      if (range) {
        drop(range);
        dropped += excess;
      }
    },
    /**
     * The oldest `max` readings waiting to be sent (not sent, or put back by `resend`) and every
     * range declared lost; undefined when none waits to be sent.
     */
    batch(max: number): BacklogBatch | undefined {
      while (firstUnsent < held.length && held[firstUnsent]!.sentAt !== undefined) firstUnsent++;
      const readings: Reading[] = [];
      for (let i = firstUnsent; i < held.length && readings.length < max; i++) {
        if (held[i]!.sentAt === undefined) readings.push(held[i]!.r);
      }
      if (readings.length === 0) return undefined;
      return { readings, lost: lost.map((l) => ({ ...l })) };
    },
    /** Without receipts: the broker acknowledged the message that ended with `lastSeq`, those readings leave. */
    acknowledge(lastSeq: number): void {
      write([{ ack: lastSeq }]);
      acknowledge(lastSeq);
      compactIfWorth();
    },
    /**
     * With receipts: the broker acknowledged (at clock time `at`, ms) the message `batch`; its
     * readings stay, awaiting their receipt. In memory only: a restarted van sends everything again.
     */
    sent(batch: BacklogBatch, at: number): void {
      const declaredUpTo = Math.max(-1, ...batch.lost.map((l) => l.last));
      let i = 0;
      for (const r of batch.readings) {
        while (i < held.length && held[i]!.r.seq < r.seq) i++;
        const h = held[i];
        if (h?.r.seq === r.seq) Object.assign(h, { sentAt: at, declared: declaredUpTo });
      }
    },
    /**
     * Ingest's receipt: the readings of these seq ranges are stored (any order, overlaps and
     * seqs no longer here allowed). Returns how many left the backlog.
     */
    receipt(ranges: readonly ReceiptRange[]): number {
      const sorted = mergeRanges(ranges);
      const { kept, lostUpTo } = afterReceipt(sorted);
      const removed = held.length - kept.length;
      if (removed === 0) return 0;
      write([{ rcpt: sorted, ...(lostUpTo >= 0 ? { lost: lostUpTo } : {}) }]);
      keep(kept);
      if (lostUpTo >= 0) declared(lostUpTo);
      compactIfWorth();
      return removed;
    },
    /** Puts back in line, to be sent again, the readings sent at or before `sentBy` (clock ms) and not receipted; returns how many. */
    resend(sentBy: number): number {
      let count = 0;
      held.forEach((h, i) => {
        if (h.sentAt === undefined || h.sentAt > sentBy) return;
        h.sentAt = undefined;
        firstUnsent = Math.min(firstUnsent, i);
        count++;
      });
      return count;
    },
    /** When the oldest reading still awaiting its receipt was sent (clock ms); undefined when none awaits. */
    oldestSent(): number | undefined {
      let oldest: number | undefined;
      for (const h of held)
        if (h.sentAt !== undefined && (oldest === undefined || h.sentAt < oldest)) oldest = h.sentAt;
      return oldest;
    },
    /** Readings held: waiting to be sent, or sent and awaiting their receipt. */
    size: () => held.length,
    /** Readings dropped at the bound since this process started. */
    dropped: () => dropped,
    close: () => journal?.close(),
  };
}

export type ReadingBacklog = ReturnType<typeof openReadingBacklog>;
