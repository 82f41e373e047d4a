import { describe, expect, it } from 'vitest';
import { configLimitSource, parseCompartmentProfiles } from '../core/alerts/config-limit-source.ts';
import { tripPeriod } from '../core/alerts/trip-period.ts';
import type { Load } from '../core/loads/load.ts';
import { loadsLimitSource } from '../core/loads/loads-limit-source.ts';
import { loadsPeriodOf } from '../core/loads/loads-period.ts';
import { DEFAULT_PROFILES } from '../core/product-profiles.ts';
import type { Reading } from '../core/readings.ts';
import { DEFAULT_RULE_SETTINGS } from '../core/rule-settings.ts';
import { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';
import { createLogger } from '../platform/logger.ts';
import { MetricsRegistry } from '../platform/metrics.ts';
import { createAlertRepository } from '../state/alert-repository.ts';
import { createLoadRepository } from '../state/load-repository.ts';
import { loadFixture } from '../state/load-test-fixtures.ts';
import { openStateDb } from '../state/state-db.ts';
import { createAlertEngine } from './alert-engine.ts';

const T0 = Date.UTC(2026, 10, 26, 19, 0);
const minute = 60_000;
let seq = 1;
/** One message: a chilled probe every 30 s from `from` to `to` minutes after T0. */
const chilled = (from: number, to: number, celsius: number): Reading[] =>
  Array.from({ length: (to - from) * 2 + 1 }, (_, i) => ({
    kind: 'temperature' as const,
    seq: seq++,
    ts: T0 + (from + i / 2) * minute,
    compartment: 'chilled',
    sensor: 'T1',
    celsius,
  }));

/** Minced meat (2 °C) picked up 20.5 min after T0 (and delivered an hour later, after the last reading). */
const minced = (status: Load['status']) => loadFixture('LD-MINCED', status, { at: T0 + 20.5 * minute });

/**
 * Issue 14: what is on board is looked up once per change of loads, not once per reading — and
 * a change of loads between two messages is what the very next message is judged by. Wired
 * as `givre start` wires it (build-ingest.ts), on a real state store.
 */
describe('alert limits follow the loads, message by message', () => {
  it('a pickup between two messages sets the next one’s limit; a delivery ends it', () => {
    const db = openStateDb(':memory:');
    const loads = createLoadRepository(db);
    const bus = new EventBus<GivreEvents>();
    const alerts = createAlertRepository(db);
    const engine = createAlertEngine({
      bus,
      repository: alerts,
      limitSource: loadsLimitSource(
        (van, c) => loads.onBoardProfiles(van, c),
        DEFAULT_PROFILES,
        configLimitSource(parseCompartmentProfiles('chilled=chilled', DEFAULT_PROFILES)),
      ),
      periodOf: loadsPeriodOf(
        (van, c) => loads.onBoardLoads(van, c),
        (_v, _c, ts, trip) => tripPeriod(trip, ts, 12),
      ),
      settings: DEFAULT_RULE_SETTINGS,
      metrics: new MetricsRegistry(),
      logger: createLogger({ level: 'silent' }),
    });
    engine.start();
    const excursions = () => alerts.list({ van: 'VAN-01', kind: 'excursion', limit: 5 });
    const event = { type: 'edited' as const, at: T0, by: 'test' };

    // 5 °C for 20 min: fine at the chilled default (7 °C).
    bus.emit('readings-stored', { van: 'VAN-01', readings: chilled(0, 20, 5) });
    expect(excursions()).toEqual([]);

    // Minced meat (2 °C) picked up: the next 20 min at 5 °C are an excursion at its limit.
    loads.save(minced('picked-up'), event);
    bus.emit('readings-stored', { van: 'VAN-01', readings: chilled(21, 40, 5) });
    expect(excursions()).toMatchObject([{ state: 'open', limit: 2 }]);

    // Delivered: back to 7 °C, so the same 5 °C clears the excursion.
    loads.save(minced('delivered'), event);
    bus.emit('readings-stored', { van: 'VAN-01', readings: chilled(41, 60, 5) });
    expect(excursions()).toMatchObject([{ state: 'resolved', limit: 2 }]);
    engine.stop();
    db.close();
  });
});
