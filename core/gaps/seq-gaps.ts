import { z } from 'zod';
import type { SeqRange } from '../compliance/record-completeness.ts';

/**
 * What ingest knows of one van's numbering (issue 13): the lowest and highest `seq` stored,
 * the ranges between them still missing (gaps), and the seqs the van declared as the first of
 * a boot. `seq` grows by one per reading the van records, so a number skipped between two
 * stored readings is a reading on its way or lost — unless the van said it jumped there: a
 * rebooted van starts its counter afresh (firmware-sim/seq-counter.ts) and announces where
 * (`bootSeq` in its `online` status), and numbers it never handed out are no gap.
 */
export const SeqTrack = z.strictObject({
  low: z.number().int().min(0),
  high: z.number().int().min(0),
  gaps: z.array(z.strictObject({ first: z.number().int(), last: z.number().int() })),
  boots: z.array(z.number().int().min(0)),
});
export type SeqTrack = z.infer<typeof SeqTrack>;

/** Most gaps kept per van; the oldest go first (a van this broken is seen long before). */
export const MAX_GAPS = 1_000;
/** Boot starts remembered per van: only the recent ones can still meet a late reading. */
export const MAX_BOOTS = 16;

/**
 * A track after the readings numbered `seqs` are stored (in any order, replays included).
 * The same object back when nothing changed (a replay), so the caller need not write it again.
 * On the path of every message: one copy per batch, not per reading (a batch of 50 in a few µs).
 */
export function recordSeqs(track: SeqTrack | undefined, seqs: readonly number[]): SeqTrack {
  const sorted = Float64Array.from(seqs).sort();
  if (sorted.length === 0) {
    if (!track) throw new Error('recordSeqs needs a track or at least one seq');
    return track;
  }
  const t: SeqTrack = track
    ? { ...track, gaps: [...track.gaps] }
    : { low: sorted[0]!, high: sorted[0]!, gaps: [], boots: [] };
  let changed = track === undefined;
  for (const seq of sorted) {
    if (seq === t.high + 1)
      t.high = seq; // the usual case: the stream goes on
    else if (seq > t.high) {
      // The missing numbers start after the highest stored, or at a boot declared since.
      let first = t.high + 1;
      for (const b of t.boots) if (b > first && b <= seq) first = b;
      if (first < seq) t.gaps.push({ first, last: seq - 1 });
      t.high = seq;
    } else if (seq < t.low) {
      // Older than anything stored: the numbers up to the lowest are missing, unless the
      // lowest began a boot.
      if (seq < t.low - 1 && !t.boots.includes(t.low)) t.gaps.unshift({ first: seq + 1, last: t.low - 1 });
      t.low = seq;
    } else if (!fill(t.gaps, seq)) continue; // a replay of a stored reading
    changed = true;
  }
  if (!changed) return track!;
  if (t.gaps.length > MAX_GAPS) t.gaps.splice(0, t.gaps.length - MAX_GAPS);
  return t;
}

/**
 * The van said its boot's first reading is `bootSeq`: the numbers between the previous boot's
 * last reading stored and it were never used. Announced before or after the readings arrive.
 */
export function declareBoot(track: SeqTrack | undefined, bootSeq: number): SeqTrack {
  const t = track ?? { low: bootSeq, high: bootSeq - 1, gaps: [], boots: [] };
  if (t.boots.includes(bootSeq)) return t;
  const boots = [...t.boots, bootSeq].slice(-MAX_BOOTS);
  // The gap the jump fell in now starts at the boot (or is gone if the boot's readings are here).
  const gaps = t.gaps.flatMap((g) =>
    g.first < bootSeq && bootSeq <= g.last + 1
      ? bootSeq <= g.last
        ? [{ first: bootSeq, last: g.last }]
        : []
      : [g],
  );
  return { ...t, boots, gaps };
}

/** Readings missing in the open gaps. */
export function missingCount(t: SeqTrack): number {
  return t.gaps.reduce((n, g) => n + g.last - g.first + 1, 0);
}

/** Removes `seq` from the gap holding it, in place; false if no gap holds it. */
function fill(gaps: SeqRange[], seq: number): boolean {
  const at = gaps.findIndex((g) => g.first <= seq && seq <= g.last);
  if (at < 0) return false;
  const g = gaps[at]!;
  const rest: SeqRange[] = [];
  if (g.first < seq) rest.push({ first: g.first, last: seq - 1 });
  if (seq < g.last) rest.push({ first: seq + 1, last: g.last });
  gaps.splice(at, 1, ...rest);
  return true;
}
