/** What one socket saw: van, its lastSeq, when (wall clock, ms), in order of arrival. */
export type Seen = Array<[van: string, lastSeq: number, at: number]>;

/**
 * Staleness of every (socket, reading) pair, ms: when the first update covering its seq (the
 * van's `lastSeq` at or past it) reached that socket − when it was published. An update that
 * skips seqs (the dashboard sends each van's newest state at most once a second) shows them
 * all: the page shows the newest value. `published`: van → publish time by seq (seq 1, 2, …).
 * `unshown`: pairs never covered.
 */
export function staleness(
  seen: readonly Seen[],
  published: Map<string, number[]>,
): { samples: number[]; unshown: number } {
  const samples: number[] = [];
  let unshown = 0;
  for (const socket of seen) {
    const shown = new Map<string, number>();
    for (const [van, lastSeq, at] of socket) {
      const times = published.get(van) ?? [];
      for (let seq = (shown.get(van) ?? 0) + 1; seq <= lastSeq; seq++) {
        const t = times[seq];
        if (t !== undefined) samples.push(at - t);
      }
      shown.set(van, Math.max(shown.get(van) ?? 0, lastSeq));
    }
    for (const [van, times] of published) unshown += Math.max(0, times.length - 1 - (shown.get(van) ?? 0));
  }
  return { samples, unshown };
}
