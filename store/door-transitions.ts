import type { DoorEvent } from './reading-store.ts';

/**
 * Most door changes one history answer carries (issue 11, 7); beyond, `truncated` says so and
 * the client asks again from the last one. A night of deliveries has a few dozen.
 */
export const MAX_DOOR_EVENTS = 2_000;

/** Door readings read per query: small enough that one page never holds the event loop long. */
export const DOOR_PAGE_SIZE = 2_000;

/** One stored door reading, as a store pages through them in (ts, seq) order. */
export interface DoorRow {
  ts: number;
  seq: number;
  compartment: string;
  open: boolean;
}

/** Lets other work (a van's connection, `/healthz`) run between two chunks of a long query. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A door reports its state in every recording (every few seconds), so a week of a van's doors
 * was hundreds of thousands of rows and 5.8 MB of JSON (issue 11, 7). The history needs only
 * what a chart draws: each compartment's state at the start of the range, then every change.
 * Reads the rows page by page (`page(after)` gives the rows after that one, in (ts, seq)
 * order, at most DOOR_PAGE_SIZE), yielding between pages, and stops at MAX_DOOR_EVENTS.
 */
export async function doorTransitions(
  page: (after: DoorRow | undefined) => Promise<DoorRow[]> | DoorRow[],
  max = MAX_DOOR_EVENTS,
): Promise<{ doors: DoorEvent[]; truncated: boolean }> {
  const last = new Map<string, boolean>();
  const doors: DoorEvent[] = [];
  let after: DoorRow | undefined;
  for (;;) {
    const rows = await page(after);
    for (const row of rows) {
      if (last.get(row.compartment) === row.open) continue;
      if (doors.length === max) return { doors, truncated: true };
      last.set(row.compartment, row.open);
      doors.push({ ts: row.ts, compartment: row.compartment, open: row.open });
    }
    if (rows.length < DOOR_PAGE_SIZE) return { doors, truncated: false };
    after = rows.at(-1);
    await yieldToEventLoop();
  }
}
