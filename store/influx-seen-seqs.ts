/**
 * The `seq`s of one van that the InfluxDB store has accepted, as sorted, disjoint, inclusive
 * intervals. A van's seq grows by one per reading, so this is usually a single interval and
 * grows only with gaps (readings that never arrived). It lets `append` tell replays from new
 * readings, as the embedded store's primary key does, without asking InfluxDB.
 *
 * `add` reports its effect on the persisted rows (`lo → hi`, `null` = row gone) so that the
 * spool can save exactly what changed in the same transaction as the readings.
 */
export class SeenSeqs {
  /** Flat pairs: [lo0, hi0, lo1, hi1, ...], ascending. */
  private readonly bounds: number[] = [];

  static from(intervals: Iterable<readonly [number, number]>): SeenSeqs {
    const set = new SeenSeqs();
    for (const [lo, hi] of [...intervals].sort((a, b) => a[0] - b[0])) set.bounds.push(lo, hi);
    return set;
  }

  get intervalCount(): number {
    return this.bounds.length / 2;
  }

  has(seq: number): boolean {
    const i = this.upperBound(seq) - 1;
    return i >= 0 && this.hi(i) >= seq;
  }

  /** Adds `seq`; false if it was already there. Row changes are recorded into `changes`. */
  add(seq: number, changes: Map<number, number | null>): boolean {
    const next = this.upperBound(seq);
    const prev = next - 1;
    if (prev >= 0 && this.hi(prev) >= seq) return false;
    const joinsPrev = prev >= 0 && this.hi(prev) === seq - 1;
    const joinsNext = next < this.intervalCount && this.lo(next) === seq + 1;
    if (joinsPrev && joinsNext) {
      changes.set(this.lo(next), null);
      this.bounds[2 * prev + 1] = this.hi(next);
      this.bounds.splice(2 * next, 2);
      changes.set(this.lo(prev), this.hi(prev));
    } else if (joinsPrev) {
      this.bounds[2 * prev + 1] = seq;
      changes.set(this.lo(prev), seq);
    } else if (joinsNext) {
      changes.set(this.lo(next), null);
      this.bounds[2 * next] = seq;
      changes.set(seq, this.hi(next));
    } else {
      this.bounds.splice(2 * next, 0, seq, seq);
      changes.set(seq, seq);
    }
    return true;
  }

  intervals(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (let i = 0; i < this.intervalCount; i++) out.push([this.lo(i), this.hi(i)]);
    return out;
  }

  private lo(i: number): number {
    return this.bounds[2 * i] as number;
  }

  private hi(i: number): number {
    return this.bounds[2 * i + 1] as number;
  }

  /** Index of the first interval whose lo is greater than `seq`. */
  private upperBound(seq: number): number {
    let a = 0;
    let b = this.intervalCount;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (this.lo(m) <= seq) a = m + 1;
      else b = m;
    }
    return a;
  }
}
