/** Median and spread of a run's repeats. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { median: NaN, min: NaN, max: NaN, runs: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, runs: sorted.length };
}

/** A system's figures at one shape (readings per message), over its repeats. */
export interface ShapeSummary {
  readingsPerMessage: number;
  readingsPerSecond: Spread;
  cpuMicrosPerReading: Spread;
  /** Readings acknowledged and not stored at the lost deadline, every repeat together (bench/settle.ts). */
  lost: number;
  /** Of those lost, how many were stored later, before counting stopped. */
  late: number;
  /** Highest peak RSS of each process over the repeats, MiB. */
  peakRssMiB: Record<string, number>;
}

export interface SystemSummary {
  key: string;
  label: string;
  group: 'givre' | 'peer' | 'raw';
  note?: string;
  shapes: ShapeSummary[];
}

interface RunFigures {
  readingsPerMessage: number;
  readingsPerSecond: number;
  cpuMicrosPerReading: number;
  lost: number;
  late: number;
  processes: Array<{ name: string; peakRssMiB: number }>;
}

/** Groups a system's runs by shape, in the order the shapes were first run. */
export function summarise(runs: readonly RunFigures[]): ShapeSummary[] {
  const shapes = [...new Set(runs.map((r) => r.readingsPerMessage))];
  return shapes.map((readingsPerMessage) => {
    const these = runs.filter((r) => r.readingsPerMessage === readingsPerMessage);
    const peakRssMiB: Record<string, number> = {};
    for (const p of these.flatMap((r) => r.processes))
      peakRssMiB[p.name] = Math.max(peakRssMiB[p.name] ?? 0, p.peakRssMiB);
    return {
      readingsPerMessage,
      readingsPerSecond: spread(these.map((r) => r.readingsPerSecond)),
      cpuMicrosPerReading: spread(these.map((r) => r.cpuMicrosPerReading)),
      lost: these.reduce((total, r) => total + r.lost, 0),
      late: these.reduce((total, r) => total + r.late, 0),
      peakRssMiB,
    };
  });
}

/** Givre's median over the fair peer's, per shape (> 1: Givre stores more per second). */
export interface Ratio {
  system: string;
  readingsPerMessage: number;
  ratio: number;
}

export function ratiosToPeer(systems: readonly SystemSummary[], peerKey: string): Ratio[] {
  const peer = systems.find((s) => s.key === peerKey);
  if (!peer) return [];
  return systems
    .filter((s) => s.group === 'givre')
    .flatMap((s) =>
      s.shapes.flatMap((shape) => {
        const theirs = peer.shapes.find((p) => p.readingsPerMessage === shape.readingsPerMessage);
        if (!theirs || !(theirs.readingsPerSecond.median > 0)) return [];
        return [
          {
            system: s.label,
            readingsPerMessage: shape.readingsPerMessage,
            ratio: shape.readingsPerSecond.median / theirs.readingsPerSecond.median,
          },
        ];
      }),
    );
}
