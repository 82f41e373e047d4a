import {
  closeSync,
  fdatasyncSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { LostRecords, ReceiptRange } from '../core/messages.ts';
import { Reading } from '../core/readings.ts';
import { GivreError } from '../platform/errors.ts';

const Seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/**
 * One line of a van's backlog file (JSON Lines). Between two compactions the file is only
 * appended to, so a crash can tear at most its last line.
 */
export const JournalEntry = z.union([
  /** First line after a compaction: the seq the van's next reading gets. */
  z.strictObject({ next: Seq }),
  /** A reading recorded and not yet acknowledged (by a receipt, or without receipts by the broker). */
  z.strictObject({ r: Reading }),
  /** The broker acknowledged (PUBACK) a batch whose last reading is `ack` (a van without receipts). */
  z.strictObject({ ack: Seq }),
  /**
   * Ingest's receipt: the readings of these seq ranges are stored and leave; with `lost`, the
   * ranges declared lost up to that seq reached ingest too (issue 13).
   */
  z.strictObject({ rcpt: z.array(ReceiptRange).min(1), lost: Seq.optional() }),
  /** The store was full: the readings up to `drop.last` were thrown away, declared lost. */
  z.strictObject({ drop: LostRecords }),
]);
export type JournalEntry = z.infer<typeof JournalEntry>;

export interface BacklogJournal {
  readonly file: string;
  /** What the file held at open, in order; a torn last line (crash mid-write) is left out. */
  readonly restored: JournalEntry[] | undefined;
  /** Appends entries in one write, then `fdatasync`: on return they survive a power cut. */
  append(entries: readonly JournalEntry[]): void;
  /** Replaces the file by `entries` (temporary file, fsync, rename, fsync of the directory). */
  rewrite(entries: readonly JournalEntry[]): void;
  close(): void;
}

const encode = (entries: readonly JournalEntry[]) => entries.map((e) => `${JSON.stringify(e)}\n`).join('');

/**
 * A van's backlog on disk (issue 13): `{dir}/{van}.outbox.jsonl`. Synchronous I/O on purpose:
 * a recording is durable before the firmware goes on, as a real recorder's flash write is; at
 * one write and one fdatasync per recording (every 30 s of device time) this costs little.
 * A line that does not parse anywhere but at the end means the file was damaged, not torn, and
 * stops the van with GIVRE_ERR_CONFIG naming it rather than sending made-up records.
 */
export function openBacklogJournal(file: string): BacklogJournal {
  mkdirSync(dirname(file), { recursive: true });
  let restored: JournalEntry[] | undefined;
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (text !== undefined) {
    const lines = text.split('\n');
    lines.pop(); // after the last newline: empty, or a torn line never fully written
    restored = lines.map((line, i) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        parsed = undefined;
      }
      const entry = JournalEntry.safeParse(parsed);
      if (!entry.success) {
        throw new GivreError(
          'GIVRE_ERR_CONFIG',
          `${file}:${i + 1}: not a backlog record; the file is damaged`,
        );
      }
      return entry.data;
    });
  }
  let fd = openSync(file, 'a');

  return {
    file,
    restored,
    append(entries) {
      if (entries.length === 0) return;
      writeSync(fd, encode(entries));
      fdatasyncSync(fd);
    },
    rewrite(entries) {
      const tmp = `${file}.tmp`;
      const tmpFd = openSync(tmp, 'w');
      try {
        writeSync(tmpFd, encode(entries));
        fsyncSync(tmpFd);
      } finally {
        closeSync(tmpFd);
      }
      renameSync(tmp, file);
      const dirFd = openSync(dirname(file), 'r');
      try {
        fsyncSync(dirFd);
      } finally {
        closeSync(dirFd);
      }
      closeSync(fd);
      fd = openSync(file, 'a');
    },
    close() {
      closeSync(fd);
    },
  };
}
