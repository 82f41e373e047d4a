import { MAX_LOST_RANGES_PER_BATCH, type LostRecords } from '../core/messages.ts';
import type { Reading } from '../core/readings.ts';
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

/**
 * Store-and-forward of a van's readings (issue 13): every reading waits here, oldest first,
 * until a PUBACK for the message carrying it came back. Bounded, because a van's flash is: at
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
  let readings: Reading[] = [];
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
  const drop = (range: LostRecords) => {
    readings = readings.filter((r) => r.seq > range.last);
    declareLost(range);
  };
  const acknowledge = (lastSeq: number) => {
    readings = readings.filter((r) => r.seq > lastSeq);
    lost = lost
      .filter((l) => l.last > lastSeq)
      .map((l) => ({ first: Math.max(l.first, lastSeq + 1), last: l.last }));
  };
  const apply = (entry: JournalEntry) => {
    if ('next' in entry) next = Math.max(next ?? 0, entry.next);
    else if ('r' in entry) {
      readings.push(entry.r);
      next = Math.max(next ?? 0, entry.r.seq + 1);
    } else if ('ack' in entry) acknowledge(entry.ack);
    else drop(entry.drop);
  };
  const snapshot = (): JournalEntry[] => [
    { next: next ?? 0 },
    ...lost.map((range) => ({ drop: range })),
    ...readings.map((r) => ({ r })),
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
    const live = readings.length + lost.length + 1;
    if (linesInFile > 2 * live + 64 || (readings.length === 0 && linesInFile > 1)) {
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
      const excess = readings.length + recorded.length - options.maxReadings;
      let range: LostRecords | undefined;
      if (excess > 0) {
        const all = [...readings, ...recorded];
        range = { first: all[0]!.seq, last: all[excess - 1]!.seq };
        entries.push({ drop: range });
      }
      write(entries);
      readings.push(...recorded);
      next = Math.max(next ?? 0, recorded.at(-1)!.seq + 1);
      if (range) {
        drop(range);
        dropped += excess;
      }
    },
    /** The oldest `max` readings and every range declared lost; undefined when nothing waits. */
    batch(max: number): BacklogBatch | undefined {
      if (readings.length === 0) return undefined;
      return { readings: readings.slice(0, max), lost: lost.map((l) => ({ ...l })) };
    },
    /** The broker acknowledged the message that ended with `lastSeq`: those readings leave. */
    acknowledge(lastSeq: number): void {
      write([{ ack: lastSeq }]);
      acknowledge(lastSeq);
      compactIfWorth();
    },
    /** Readings waiting. */
    size: () => readings.length,
    /** Readings dropped at the bound since this process started. */
    dropped: () => dropped,
    close: () => journal?.close(),
  };
}

export type ReadingBacklog = ReturnType<typeof openReadingBacklog>;
