import { existsSync, readFileSync } from 'node:fs';
import type { Reading } from '../../core/readings.ts';
import { JournalEntry } from '../../firmware-sim/backlog-journal.ts';

/**
 * The readings a van's backlog file (`{stateDir}/{van}.outbox.jsonl`) still holds, read as the
 * simulator reads it at start: recorded, minus what a PUBACK (`ack`) or a receipt (`rcpt`)
 * let go. A line being written is left out.
 */
export function backlogReadings(file: string): Reading[] {
  if (!existsSync(file)) return [];
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.pop(); // a line being written
  let readings: Reading[] = [];
  for (const line of lines) {
    const entry = JournalEntry.parse(JSON.parse(line));
    if ('r' in entry) readings.push(entry.r);
    else if ('ack' in entry) readings = readings.filter((r) => r.seq > entry.ack);
    else if ('rcpt' in entry)
      readings = readings.filter((r) => !entry.rcpt.some(([from, to]) => from <= r.seq && r.seq <= to));
  }
  return readings;
}
