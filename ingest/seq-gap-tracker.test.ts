import { describe, expect, it } from 'vitest';
import type { SeqTrack } from '../core/gaps/seq-gaps.ts';
import type { Reading } from '../core/readings.ts';
import { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';
import { MetricsRegistry } from '../platform/metrics.ts';
import { createSeqTrackRepository } from '../state/seq-track-repository.ts';
import { openStateDb } from '../state/state-db.ts';
import { createSeqGapTracker } from './seq-gap-tracker.ts';

const ts = Date.UTC(2026, 11, 1, 20, 0, 0);
const batch = (first: number, last: number): Reading[] =>
  Array.from({ length: last - first + 1 }, (_, i) => ({ seq: first + i, ts, kind: 'battery', percent: 90 }));

function ingestOn(db: ReturnType<typeof openStateDb>) {
  const bus = new EventBus<GivreEvents>();
  const metrics = new MetricsRegistry();
  const tracker = createSeqGapTracker({ bus, repository: createSeqTrackRepository(db), metrics });
  tracker.start();
  const stored = (first: number, last: number) =>
    bus.emit('readings-stored', { van: 'VAN-01', readings: batch(first, last) });
  const gauge = () => /givre_ingest_seq_gaps\{van="VAN-01"\} (\d+)/.exec(metrics.render())?.[1];
  return { bus, tracker, stored, gauge };
}

describe('seq gap tracker', () => {
  it('reports a gap as a metric and in the state store, and closes it when the batch comes late', () => {
    const db = openStateDb(':memory:');
    const repo = createSeqTrackRepository(db);
    const ingest = ingestOn(db);
    ingest.stored(0, 9);
    ingest.stored(20, 29);
    expect(ingest.gauge()).toBe('10');
    expect(repo.of('VAN-01')?.gaps).toEqual([{ first: 10, last: 19 }]);
    ingest.stored(10, 19);
    expect(ingest.gauge()).toBe('0');
    expect(repo.of('VAN-01')?.gaps).toEqual([]);
    db.close();
  });

  it('a restarted ingest knows the gaps the previous one saw', () => {
    const db = openStateDb(':memory:');
    const first = ingestOn(db);
    first.stored(0, 9);
    first.stored(20, 29);
    first.tracker.stop();
    const second = ingestOn(db);
    expect(second.gauge()).toBe('10');
    second.stored(10, 19);
    expect(second.gauge()).toBe('0');
    db.close();
  });

  it('a reboot the van announced is no gap; it stops listening on stop', () => {
    const db = openStateDb(':memory:');
    const ingest = ingestOn(db);
    ingest.stored(0, 9);
    ingest.bus.emit('van-status', { v: 1, van: 'VAN-01', state: 'online', ts, bootSeq: 5_000 });
    ingest.stored(5_000, 5_009);
    expect(ingest.gauge()).toBe('0');
    ingest.tracker.stop();
    ingest.stored(6_000, 6_009);
    expect(createSeqTrackRepository(db).of('VAN-01')?.high).toBe(5_009);
    db.close();
  });

  it('in a group, writes each van’s track once, at the group’s end, even when the group throws', () => {
    const db = openStateDb(':memory:');
    const repository = createSeqTrackRepository(db);
    const saved: string[] = [];
    const counted = {
      ...repository,
      save: (van: string, track: SeqTrack) => (saved.push(van), repository.save(van, track)),
    };
    const bus = new EventBus<GivreEvents>();
    const tracker = createSeqGapTracker({ bus, repository: counted, metrics: new MetricsRegistry() });
    tracker.start();
    const stored = (van: string, first: number, last: number) =>
      bus.emit('readings-stored', { van, readings: batch(first, last) });
    tracker.inGroup(() => {
      stored('VAN-01', 0, 9);
      stored('VAN-02', 0, 4);
      stored('VAN-01', 20, 29);
      tracker.inGroup(() => stored('VAN-01', 30, 39));
      expect(saved).toEqual([]); // nothing before the group ends
    });
    expect(saved.sort()).toEqual(['VAN-01', 'VAN-02']);
    expect(repository.of('VAN-01')).toMatchObject({ high: 39, gaps: [{ first: 10, last: 19 }] });
    expect(repository.of('VAN-02')?.high).toBe(4);
    // A replay changes nothing: no write; outside a group, each change is written at once.
    saved.length = 0;
    tracker.inGroup(() => stored('VAN-02', 0, 4));
    expect(saved).toEqual([]);
    stored('VAN-02', 5, 6);
    expect(saved).toEqual(['VAN-02']);
    // What a group changed before a listener threw is written all the same (its state
    // transaction commits what was done, as each message's did before).
    expect(() =>
      tracker.inGroup(() => {
        stored('VAN-01', 10, 19);
        throw new Error('a later listener failed');
      }),
    ).toThrow('a later listener failed');
    expect(repository.of('VAN-01')?.gaps).toEqual([]);
    db.close();
  });
});
