import { declareBoot, missingCount, recordSeqs, type SeqTrack } from '../core/gaps/seq-gaps.ts';
import type { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';
import type { Feature } from '../platform/feature.ts';
import type { MetricsRegistry } from '../platform/metrics.ts';
import type { SeqTrackRepository } from '../state/seq-track-repository.ts';

export interface SeqGapTrackerDeps {
  bus: EventBus<GivreEvents>;
  repository: SeqTrackRepository;
  metrics: MetricsRegistry;
}

export interface SeqGapTracker extends Feature {
  /**
   * Runs `work` (a group's announcements, inside its state transaction: build-ingest.ts) and
   * writes each van's changed track once, when `work` returns or throws, instead of once per
   * message (issue 14: one upsert and its JSON per message were about 6 % of ingest's thread
   * at one reading per message). Nested calls write with the outermost.
   */
  inGroup(work: () => void): void;
}

/**
 * Gaps in each van's sequence (issue 13): opened when a stored batch skips numbers, closed
 * when the late readings are stored, never for a jump the van declared as a boot. Each change
 * is written to the state store synchronously inside the `readings-stored` emit, or at the end
 * of the group (`inGroup`), either way before the message handler resolves and the message is
 * acknowledged: a SIGKILL between the two makes the broker redeliver the batch, and the
 * tracker sees it again (replays included). A restarted ingest starts from what the state
 * store kept.
 */
export function createSeqGapTracker(deps: SeqGapTrackerDeps): SeqGapTracker {
  const tracks = new Map<string, SeqTrack>();
  /** Inside `inGroup`: the tracks changed and not written yet, by van. */
  let unwritten: Map<string, SeqTrack> | undefined;
  deps.metrics.collectedGauge(
    'givre_ingest_seq_gaps',
    'Readings missing in the open gaps of each van’s sequence (late, or lost).',
    () => [...tracks].map(([van, t]) => ({ labels: { van }, value: missingCount(t) })),
  );
  const update = (van: string, next: SeqTrack) => {
    const before = tracks.get(van);
    tracks.set(van, next);
    // The same object back means a replay changed nothing: no write.
    if (before === next) return;
    if (unwritten) unwritten.set(van, next);
    else deps.repository.save(van, next);
  };
  let unsubscribe: Array<() => void> = [];
  return {
    name: 'seq gap tracker',
    start() {
      for (const { van, track } of deps.repository.all()) tracks.set(van, track);
      unsubscribe = [
        deps.bus.on('readings-stored', ({ van, readings }) =>
          update(
            van,
            recordSeqs(
              tracks.get(van),
              readings.map((r) => r.seq),
            ),
          ),
        ),
        deps.bus.on('van-status', (status) => {
          if (status.state === 'online' && status.bootSeq !== undefined)
            update(status.van, declareBoot(tracks.get(status.van), status.bootSeq));
        }),
      ];
    },
    stop() {
      for (const off of unsubscribe.splice(0)) off();
    },
    inGroup(work) {
      if (unwritten) return work();
      unwritten = new Map();
      try {
        work();
      } finally {
        const changed = unwritten;
        unwritten = undefined;
        for (const [van, track] of changed) deps.repository.save(van, track);
      }
    },
  };
}
