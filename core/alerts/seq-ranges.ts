/**
 * The readings (by `seq`) a van's rules have already judged, as merged ranges. QoS 1 and
 * store-and-forward redeliver readings; a replay must not be judged twice, while a reading
 * that is merely *late* (never seen, older than what was judged) must be. Seqs are nearly
 * contiguous per van, so a handful of ranges covers days.
 */
export type SeqRanges = ReadonlyArray<readonly [number, number]>;

/** Most ranges kept; the oldest go first (a replay that old is caught by episode ids instead). */
export const MAX_SEQ_RANGES = 256;

export function hasSeq(ranges: SeqRanges, seq: number): boolean {
  for (const [lo, hi] of ranges) if (seq >= lo && seq <= hi) return true;
  return false;
}

export function addSeq(ranges: SeqRanges, seq: number): SeqRanges {
  // The common case, a van's next record (issue 14: this runs for every reading): past the last
  // range, extending it or after it; nothing else can need merging.
  const tail = ranges[ranges.length - 1];
  if (tail && seq > tail[1]) {
    const next = ranges.slice();
    if (seq === tail[1] + 1) next[next.length - 1] = [tail[0], seq];
    else next.push([seq, seq]);
    return next.length > MAX_SEQ_RANGES ? next.slice(next.length - MAX_SEQ_RANGES) : next;
  }
  const out: Array<[number, number]> = [];
  let placed = false;
  for (const [lo, hi] of ranges) {
    if (placed || hi < seq - 1) out.push([lo, hi]);
    else if (lo > seq + 1) {
      out.push([seq, seq], [lo, hi]);
      placed = true;
    } else {
      out.push([Math.min(lo, seq), Math.max(hi, seq)]);
      placed = true;
    }
  }
  if (!placed) out.push([seq, seq]);
  // Adjacent ranges may now touch: merge them.
  const merged: Array<[number, number]> = [];
  for (const r of out) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged.length > MAX_SEQ_RANGES ? merged.slice(merged.length - MAX_SEQ_RANGES) : merged;
}

/**
 * Adds seqs, in any order, as `addSeq` one by one would, in one new array (issue 14: the
 * readings of a message; a van's next records extend the last range in place).
 */
export function addSeqs(ranges: SeqRanges, seqs: readonly number[]): SeqRanges {
  if (seqs.length === 0) return ranges;
  let out: Array<readonly [number, number]> = ranges.slice();
  for (const seq of seqs) {
    const tail = out[out.length - 1];
    if (tail !== undefined && seq === tail[1] + 1) out[out.length - 1] = [tail[0], seq];
    else if (tail === undefined || seq > tail[1]) {
      out.push([seq, seq]);
      if (out.length > MAX_SEQ_RANGES) out.shift();
    } else out = addSeq(out, seq).slice();
  }
  return out;
}

/**
 * Adds whole inclusive ranges `[from, to]` (any order, overlapping or not): the numbers a van
 * declared lost, or what a restarted ingest finds already judged. One merge, not a seq at a time.
 */
export function addRanges(ranges: SeqRanges, more: ReadonlyArray<readonly [number, number]>): SeqRanges {
  if (more.length === 0) return ranges;
  const all = [...ranges, ...more.filter(([lo, hi]) => lo <= hi)].sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [lo, hi] of all) {
    const last = merged[merged.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else merged.push([lo, hi]);
  }
  return merged.length > MAX_SEQ_RANGES ? merged.slice(merged.length - MAX_SEQ_RANGES) : merged;
}
