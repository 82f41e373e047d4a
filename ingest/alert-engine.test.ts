import { describe, expect, it } from 'vitest';
import { configLimitSource, parseCompartmentProfiles } from '../core/alerts/config-limit-source.ts';
import { DEFAULT_PROFILES } from '../core/product-profiles.ts';
import type { Reading } from '../core/readings.ts';
import { DEFAULT_RULE_SETTINGS } from '../core/rule-settings.ts';
import { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';
import { createLogger } from '../platform/logger.ts';
import { MetricsRegistry } from '../platform/metrics.ts';
import { createAlertRepository } from '../state/alert-repository.ts';
import { createSeqTrackRepository } from '../state/seq-track-repository.ts';
import { openStateDb } from '../state/state-db.ts';
import { createAlertEngine, type WallClock } from './alert-engine.ts';
import { createSeqGapTracker } from './seq-gap-tracker.ts';

const T0 = Date.UTC(2026, 10, 26, 19, 0);
let seq = 1;
const chilled = (from: number, to: number, celsius: number): Reading[] =>
  Array.from({ length: (to - from) * 2 + 1 }, (_, i) => ({
    kind: 'temperature' as const,
    seq: seq++,
    ts: T0 + (from + i / 2) * 60_000,
    compartment: 'chilled',
    sensor: 'T1',
    celsius,
  }));

/** A wall clock moved by hand: escalation is tested without waiting (MQTT.js KeepaliveManager style). */
function manualClock(start: number): WallClock & { advance(ms: number): void } {
  let now = start;
  let tick: (() => void) | undefined;
  return {
    now: () => now,
    setInterval: (fn) => (tick = fn),
    clearInterval: () => (tick = undefined),
    advance(ms) {
      now += ms;
      tick?.();
    },
  };
}

function engineOn(db: ReturnType<typeof openStateDb>, clock = manualClock(1_000_000)) {
  const bus = new EventBus<GivreEvents>();
  const repository = createAlertRepository(db);
  // As build-ingest.ts wires them: the seq track kept in the state store tells a restarted engine what was judged.
  const seqTracks = createSeqTrackRepository(db);
  const tracker = createSeqGapTracker({ bus, repository: seqTracks, metrics: new MetricsRegistry() });
  const engine = createAlertEngine({
    bus,
    repository,
    limitSource: configLimitSource(parseCompartmentProfiles('chilled=chilled', DEFAULT_PROFILES)),
    settings: DEFAULT_RULE_SETTINGS,
    metrics: new MetricsRegistry(),
    logger: createLogger({ level: 'silent' }),
    clock,
    numbering: () => seqTracks.all(),
  });
  engine.start();
  tracker.start();
  return {
    bus,
    repository,
    engine: {
      ...engine,
      stop: () => {
        tracker.stop();
        engine.stop();
      },
    },
    clock,
  };
}

describe('alert engine', () => {
  it('escalates an unacknowledged critical alert after 10 min of wall time, then reminds', () => {
    const { bus, repository, clock } = engineOn(openStateDb(':memory:'));
    bus.emit('readings-stored', { van: 'VAN-01', readings: chilled(0, 20, 9) });
    const [alert] = repository.unresolved();
    clock.advance(9 * 60_000);
    expect(repository.get(alert!.id)!.transitions.map((t) => t.to)).toEqual(['open']);
    clock.advance(60_000);
    clock.advance(10 * 60_000);
    expect(repository.get(alert!.id)!.transitions.map((t) => t.to)).toEqual([
      'open',
      'escalated',
      'reminded',
    ]);
  });

  it('reloads open alerts after a restart: no duplicate while the breach lasts, resolved when it ends', () => {
    const db = openStateDb(':memory:');
    const first = engineOn(db);
    first.bus.emit('readings-stored', { van: 'VAN-01', readings: chilled(0, 20, 9) });
    first.engine.stop();
    const second = engineOn(db);
    second.bus.emit('readings-stored', { van: 'VAN-01', readings: chilled(21, 50, 9) });
    expect(second.repository.list({ van: 'VAN-01', kind: 'excursion', limit: 10 })).toHaveLength(1);
    second.bus.emit('readings-stored', { van: 'VAN-01', readings: chilled(51, 60, 3) });
    expect(second.repository.list({ van: 'VAN-01', kind: 'excursion', limit: 10 })[0]).toMatchObject({
      state: 'resolved',
      startedAt: T0,
    });
  });

  it('takes a driver’s acknowledgement from the cab, only for that van’s alert', () => {
    const { bus, repository } = engineOn(openStateDb(':memory:'));
    bus.emit('readings-stored', { van: 'VAN-01', readings: chilled(0, 20, 9) });
    const [alert] = repository.unresolved();
    const ack = { v: 1 as const, alertId: alert!.id, reason: 'reefer-fault' as const, ts: T0 + 21 * 60_000 };
    bus.emit('van-ack', { ...ack, van: 'VAN-02' });
    expect(repository.get(alert!.id)!.acknowledgement).toBeNull();
    bus.emit('van-ack', { ...ack, van: 'VAN-01' });
    expect(repository.get(alert!.id)!.acknowledgement).toMatchObject({ by: 'cab:VAN-01', at: ack.ts });
  });
});

describe('one cause, acknowledged once (issue 12)', () => {
  it('groups the excursion and the severe breach of one warm compartment, and one acknowledgement covers both', () => {
    const { bus, repository, engine } = engineOn(openStateDb(':memory:'));
    // 12 °C (limit 7 + 3 exceeded): severe after 5 min, excursion after 15 min.
    bus.emit('readings-stored', { van: 'VAN-01', readings: chilled(0, 20, 12) });
    const severe = repository.list({ van: 'VAN-01', kind: 'severe', limit: 5 })[0]!;
    const excursion = repository.list({ van: 'VAN-01', kind: 'excursion', limit: 5 })[0]!;
    expect(severe.cause).toBe(severe.id);
    expect(excursion.cause).toBe(severe.id);

    engine.acknowledge(excursion.id, { by: 'Marie', reason: 'reefer-fault', text: 'groupe relancé' });
    for (const id of [severe.id, excursion.id])
      expect(repository.get(id)!.acknowledgement).toMatchObject({ by: 'Marie', reason: 'reefer-fault' });

    // The breach goes on: the cumulative budget is spent later, already covered.
    bus.emit('readings-stored', { van: 'VAN-01', readings: chilled(21, 40, 12) });
    const cumulative = repository.list({ van: 'VAN-01', kind: 'cumulative', limit: 5 })[0]!;
    expect(cumulative).toMatchObject({ cause: severe.id, state: 'acknowledged' });
    expect(cumulative.acknowledgement).toMatchObject({ by: 'Marie' });
  });

  it('a breach after the previous one resolved is a new cause, to acknowledge again', () => {
    const { bus, repository, engine } = engineOn(openStateDb(':memory:'));
    bus.emit('readings-stored', { van: 'VAN-01', readings: chilled(0, 20, 9) });
    const first = repository.list({ van: 'VAN-01', kind: 'excursion', limit: 5 })[0]!;
    engine.acknowledge(first.id, { by: 'Marie', reason: 'door-closed' });
    bus.emit('readings-stored', { van: 'VAN-01', readings: [...chilled(21, 40, 3), ...chilled(41, 60, 9)] });
    const excursions = repository.list({ van: 'VAN-01', kind: 'excursion', limit: 5 });
    const second = excursions.find((e) => e.id !== first.id)!;
    expect(second.cause).toBe(second.id);
    expect(second.acknowledgement).toBeNull();
  });
});

describe('readings whose order a restart or a reboot upsets', () => {
  it('after a restart, a backlog that comes after a newer live message is judged in recording order', () => {
    const db = openStateDb(':memory:');
    const first = engineOn(db);
    first.bus.emit('readings-stored', { van: 'VAN-01', readings: chilled(0, 10, 4) });
    first.engine.stop();
    // While ingest was down the van went on; the broker hands the restarted ingest a live
    // message before the queued ones. The breach (20 min above 7 °C) is spread over them.
    const backlog = [
      chilled(10.5, 19.5, 4),
      chilled(20, 29.5, 9),
      chilled(30, 39.5, 9),
      chilled(40, 49.5, 4),
    ];
    const live = chilled(50, 55, 4);
    const second = engineOn(db);
    second.bus.emit('readings-stored', { van: 'VAN-01', readings: live });
    for (const readings of backlog) second.bus.emit('readings-stored', { van: 'VAN-01', readings });
    expect(second.repository.list({ van: 'VAN-01', kind: 'excursion', limit: 10 })).toEqual([
      expect.objectContaining({ startedAt: T0 + 20 * 60_000, state: 'resolved' }),
    ]);
  });

  it('readings of a new boot that came before its announcement are judged when it comes', () => {
    const { bus, repository } = engineOn(openStateDb(':memory:'));
    bus.emit('readings-stored', { van: 'VAN-01', readings: chilled(0, 10, 4) });
    const bootSeq = seq + 1_000_000;
    const newBoot = chilled(10.5, 30, 9).map((r, i) => ({ ...r, seq: bootSeq + i }));
    bus.emit('readings-stored', { van: 'VAN-01', readings: newBoot });
    expect(repository.unresolved()).toEqual([]); // held: the numbers in between might still come
    bus.emit('van-status', { v: 1, van: 'VAN-01', state: 'online', bootSeq });
    expect(repository.unresolved()).toEqual([expect.objectContaining({ kind: 'excursion' })]);
  });
});
