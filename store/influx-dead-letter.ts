import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** One refused point, as a line of the dead-letter file (JSON Lines). */
export interface DeadLetter {
  /** When InfluxDB refused it (ISO 8601, server clock). */
  at: string;
  /** HTTP status of the refusal (400, or 413 for a line too large to send). */
  status: number;
  /** InfluxDB's own words, e.g. `partial write: points beyond retention policy dropped=1`. */
  reason: string;
  /** The point, in line protocol: it can be corrected and sent again with `curl --data-binary`. */
  line: string;
}

/**
 * Points InfluxDB refuses are never retried: retrying a 400 would block every reading behind
 * it forever. Each goes here with the reason, appended synchronously so that it is on disk
 * before the spool forgets it.
 */
export class DeadLetterFile {
  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
  }

  write(letters: readonly DeadLetter[]): void {
    if (letters.length === 0) return;
    appendFileSync(this.path, letters.map((l) => `${JSON.stringify(l)}\n`).join(''));
  }
}
