import { describe, expect, it } from 'vitest';
import type { AlertEpisode } from '../alert-episode.ts';
import { standingSoFar } from './standing-so-far.ts';

const PICKUP = Date.UTC(2026, 10, 26, 19, 0);
const load = { van: 'VAN-01', compartment: 'chilled', pickedUpAt: PICKUP };

function alert(over: Partial<AlertEpisode>): AlertEpisode {
  return {
    id: 'A1',
    van: 'VAN-01',
    compartment: 'chilled',
    kind: 'excursion',
    severity: 'critical',
    state: 'open',
    startedAt: PICKUP + 60_000,
    detectedAt: PICKUP + 960_000,
    resolvedAt: null,
    limit: 2,
    peak: 9,
    acknowledgement: null,
    transitions: [],
    ...over,
  };
}

describe('a load’s standing so far, from the alerts ingest raised', () => {
  it.each([
    ['no alert at all', [], 'conforming'],
    ['an excursion above its limit during its time on board', [alert({})], 'breached'],
    [
      'an excursion still running when it was picked up',
      [alert({ startedAt: PICKUP - 600_000 })],
      'breached',
    ],
    [
      'an excursion over before its pickup',
      [alert({ startedAt: PICKUP - 600_000, resolvedAt: PICKUP - 1 })],
      'conforming',
    ],
    // Raised at the minced meat's 2 °C beside it, the air never passed this load's 7 °C.
    ['an alert at a stricter load’s limit, below its own', [alert({ peak: 5 })], 'conforming'],
    ['an alert whose peak is unknown', [alert({ peak: null })], 'breached'],
    ['the other compartment', [alert({ compartment: 'frozen' })], 'conforming'],
    ['another van', [alert({ van: 'VAN-02' })], 'conforming'],
    [
      'a door left open (not a breach of the limit)',
      [alert({ kind: 'door-open', peak: null })],
      'conforming',
    ],
    ['a cumulative budget spent', [alert({ kind: 'cumulative', severity: 'warning' })], 'breached'],
  ] as const)('%s: %s', (_what, alerts, standing) => {
    expect(standingSoFar(load, 7, alerts).standing).toBe(standing);
  });

  it('lists the breaches oldest first; ambient goods and loads not yet picked up are never breached', () => {
    const late = alert({ id: 'A2', startedAt: PICKUP + 3_600_000 });
    const early = alert({ id: 'A1' });
    expect(standingSoFar(load, 7, [late, early]).breaches.map((a) => a.id)).toEqual(['A1', 'A2']);
    expect(standingSoFar(load, null, [early]).standing).toBe('conforming');
    expect(standingSoFar({ ...load, pickedUpAt: null }, 7, [early]).standing).toBe('conforming');
  });
});
